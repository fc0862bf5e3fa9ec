import "server-only";
import type { Queryable } from "../db/client";
import { sql, type Sql } from "../db/sql";

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
  await q.exec(auditInsert(e, at));
}

/**
 * The statement writeAudit runs, for a use case that folds it into a larger one (a CTE); the entity
 * may then be a SQL expression, such as the id a sibling CTE inserted.
 */
export function auditInsert(e: Omit<AuditInput, "entityId"> & { entityId: AuditInput["entityId"] | Sql }, at: Date): Sql {
  const entityId = typeof e.entityId === "object" ? e.entityId : String(e.entityId);
  return sql`INSERT INTO "AuditEvent" ("actorId", "actorLabel", "action", "entityType", "entityId", "projectId", "beforeJson", "afterJson", "createdAt")
             VALUES (${e.actorId ?? null}, ${e.actorLabel}, ${e.action}, ${e.entityType}, ${entityId}, ${e.projectId ?? null}, ${json(e.before)}, ${json(e.after)}, ${at})`;
}
