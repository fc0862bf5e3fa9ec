import "server-only";
import { db } from "../db/client";
import { writeAudit, type AuditInput } from "./audit";

export interface Actor {
  actorId?: number | null;
  actorLabel: string;
}

export const CLI_ACTOR: Actor = { actorId: null, actorLabel: "cli" };
export const SYSTEM_ACTOR: Actor = { actorId: null, actorLabel: "system" };

/** Appends one audit event on its own (use writeAudit inside a transaction). */
export async function recordAudit(e: AuditInput): Promise<void> {
  await db().tx((t) => writeAudit(t, e));
}
