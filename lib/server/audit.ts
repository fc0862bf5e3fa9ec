import "server-only";
import type { Queryable } from "../db/client";
import { sql } from "../db/sql";
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

/** Appends one audit event inside the caller's transaction (a raw SQLite connection: until every caller is asynchronous). */
export function writeAudit(db: Sqlite, e: AuditInput, at?: Date): void;
export function writeAudit(db: Queryable, e: AuditInput, at?: Date): Promise<void>;
export function writeAudit(db: Sqlite | Queryable, e: AuditInput, at: Date = new Date()): void | Promise<void> {
  if ("prepare" in db) {
    stmt(db,
      `INSERT INTO AuditEvent (actorId, actorLabel, action, entityType, entityId, projectId, beforeJson, afterJson, createdAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(e.actorId ?? null, e.actorLabel, e.action, e.entityType, String(e.entityId), e.projectId ?? null, json(e.before), json(e.after), sqlDate(at));
    return;
  }
  return db
    .exec(
      sql`INSERT INTO "AuditEvent" ("actorId", "actorLabel", "action", "entityType", "entityId", "projectId", "beforeJson", "afterJson", "createdAt")
          VALUES (${e.actorId ?? null}, ${e.actorLabel}, ${e.action}, ${e.entityType}, ${String(e.entityId)}, ${e.projectId ?? null}, ${json(e.before)}, ${json(e.after)}, ${at})`,
    )
    .then(() => undefined);
}
