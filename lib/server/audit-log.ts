import "server-only";
import { AppError } from "../errors";
import type { AuditQuery } from "../validation/audit-query";
import { rawDb } from "./raw-db";
import { stmt, type Sqlite } from "./sqlite";

export interface AuditRow {
  id: number;
  createdAt: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  projectId: number | null;
  before: unknown;
  after: unknown;
}

export const AUDIT_PAGE = 50;

/**
 * Audit events, newest first, filtered by actor, action (exact, or a family ending in "."), entity
 * and day range, a page at a time (keyset on createdAt, id). Read-only: nothing in the app updates
 * or deletes an audit event, and triggers refuse it.
 */
export function listAuditEvents(q: Partial<AuditQuery>, db: Sqlite = rawDb()): { rows: AuditRow[]; next: string | null } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.actor) {
    const account = stmt(db, `SELECT id FROM Account WHERE email = ?`).pluck().get(q.actor.toLowerCase()) as number | undefined;
    if (account !== undefined) {
      where.push(`actorId = ?`);
      params.push(account);
    } else {
      where.push(`actorLabel = ?`);
      params.push(q.actor);
    }
  }
  if (q.action?.endsWith(".")) {
    where.push(`action >= ? AND action < ?`); // a prefix as a range, so the (action, createdAt) index serves it
    params.push(q.action, `${q.action.slice(0, -1)}/`);
  } else if (q.action) {
    where.push(`action = ?`);
    params.push(q.action);
  }
  if (q.entityType) {
    where.push(`entityType = ?`);
    params.push(q.entityType);
  }
  if (q.entityId) {
    where.push(`entityId = ?`);
    params.push(q.entityId);
  }
  if (q.from) {
    where.push(`createdAt >= ?`);
    params.push(q.from);
  }
  if (q.to) {
    where.push(`createdAt < ?`);
    params.push(nextDay(q.to));
  }
  if (q.after) {
    const [at, id] = q.after.split("|");
    if (!at || !/^\d+$/.test(id ?? "")) throw new AppError("bad_request", "This page link is broken; start from the first page.");
    where.push(`(createdAt < ? OR (createdAt = ? AND id < ?))`);
    params.push(at, at, Number(id));
  }
  const rows = stmt(
    db,
    `SELECT id, createdAt, actorLabel, action, entityType, entityId, projectId, beforeJson, afterJson FROM AuditEvent
     ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY createdAt DESC, id DESC LIMIT ${AUDIT_PAGE + 1}`,
  ).all(...params) as (Omit<AuditRow, "before" | "after"> & { beforeJson: string | null; afterJson: string | null })[];
  const page = rows.slice(0, AUDIT_PAGE).map(({ beforeJson, afterJson, ...r }) => ({ ...r, before: beforeJson ? JSON.parse(beforeJson) : null, after: afterJson ? JSON.parse(afterJson) : null }));
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > AUDIT_PAGE && last ? `${last.createdAt}|${last.id}` : null };
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The actions recorded so far, for the filter's choices. */
export function auditActions(db: Sqlite = rawDb()): string[] {
  // one index seek per action (a skip scan) instead of reading every event
  const next = stmt(db, `SELECT MIN(action) FROM AuditEvent WHERE action > ?`).pluck();
  const out: string[] = [];
  for (let a = next.get("") as string | null; a !== null; a = next.get(a) as string | null) out.push(a);
  return out;
}
