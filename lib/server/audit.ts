import "server-only";
import { sqlDate, stmt, type Sqlite } from "./sqlite";

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

/** Appends one audit event through a raw connection (inside the caller's transaction, if any). */
export function writeAudit(db: Sqlite, e: AuditInput, at: Date = new Date()): void {
  stmt(db, 
    `INSERT INTO AuditEvent (actorId, actorLabel, action, entityType, entityId, projectId, beforeJson, afterJson, createdAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.actorId ?? null, e.actorLabel, e.action, e.entityType, String(e.entityId), e.projectId ?? null, json(e.before), json(e.after), sqlDate(at));
}
