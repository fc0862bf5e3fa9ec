import "server-only";
import type { Queryable } from "../db/client";
import { sql } from "../db/sql";

export interface AuditInput {
  actorId?: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | number;
  projectId?: number | null;
  before?: unknown;
  after?: unknown;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/** Appends one audit event inside the caller's transaction. */
export async function writeAudit(q: Queryable, e: AuditInput, at: Date = new Date()): Promise<void> {
  await q.exec(
    sql`INSERT INTO "AuditEvent" ("actorId", "actorLabel", "action", "entityType", "entityId", "projectId", "beforeJson", "afterJson", "createdAt")
          VALUES (${e.actorId ?? null}, ${e.actorLabel}, ${e.action}, ${e.entityType}, ${String(e.entityId)}, ${e.projectId ?? null}, ${json(e.before)}, ${json(e.after)}, ${at})`,
  );
}
