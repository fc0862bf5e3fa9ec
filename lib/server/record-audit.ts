import "server-only";
import { writeAudit, type AuditInput } from "./audit";
import { rawDb } from "./raw-db";
import { immediate, whenWritable } from "./sqlite";

export interface Actor {
  actorId?: number | null;
  actorLabel: string;
}

export const CLI_ACTOR: Actor = { actorId: null, actorLabel: "cli" };
export const SYSTEM_ACTOR: Actor = { actorId: null, actorLabel: "system" };

/** Appends one audit event on its own (use writeAudit inside a transaction that already holds the connection). */
export async function recordAudit(e: AuditInput): Promise<void> {
  const db = rawDb();
  await whenWritable(() => immediate(db, () => writeAudit(db, e)));
}
