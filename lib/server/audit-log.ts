import "server-only";
import { z } from "zod";
import { AppError } from "../errors";
import type { AuditQuery } from "../validation/audit-query";
import { db } from "../db/client";
import { col, row } from "../db/columns";
import { sql, type Sql } from "../db/sql";

export interface AuditRow {
  id: number;
  createdAt: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  projectId: number | null;
  /** the entity's name where it has one: an account's email, a project's name */
  entityName: string | null;
  projectName: string | null;
  before: unknown;
  after: unknown;
}

export const AUDIT_PAGE = 50;

const Event = row({
  id: col.int,
  createdAt: col.date,
  actorLabel: col.text,
  action: col.text,
  entityType: col.text,
  entityId: col.text,
  projectId: col.int.nullable(),
  entityName: col.text.nullable(),
  projectName: col.text.nullable(),
  before: col.json(z.unknown()).nullable(),
  after: col.json(z.unknown()).nullable(),
});

/**
 * Audit events, newest first, filtered by actor, action (exact, or a family ending in "."), entity
 * and day range, a page at a time (keyset on createdAt, id). Read-only: nothing in the app updates
 * or deletes an audit event, and triggers refuse it.
 */
export async function listAuditEvents(q: Partial<AuditQuery>): Promise<{ rows: AuditRow[]; next: string | null }> {
  const where: Sql[] = [];
  if (q.actor) {
    const account = await db().maybe(row({ id: col.int }), sql`SELECT "id" FROM "Account" WHERE "email" = ${q.actor.toLowerCase()}`);
    where.push(account ? sql`"actorId" = ${account.id}` : sql`"actorLabel" = ${q.actor}`);
  }
  // a family as a range, so the (action, createdAt) index serves it
  if (q.action?.endsWith(".")) where.push(sql`"action" >= ${q.action} AND "action" < ${`${q.action.slice(0, -1)}/`}`);
  else if (q.action) where.push(sql`"action" = ${q.action}`);
  if (q.entityType) where.push(sql`"entityType" = ${q.entityType}`);
  if (q.entityId) where.push(sql`"entityId" = ${q.entityId}`);
  if (q.from) where.push(sql`"createdAt" >= ${new Date(`${q.from}T00:00:00Z`)}`);
  if (q.to) where.push(sql`"createdAt" < ${new Date(`${nextDay(q.to)}T00:00:00Z`)}`);
  if (q.after) {
    const [at, id] = q.after.split("|");
    const when = new Date(at ?? "");
    if (!at || Number.isNaN(when.getTime()) || !/^\d+$/.test(id ?? "")) throw new AppError("bad_request", "This page link is broken; start from the first page.");
    where.push(sql`("createdAt" < ${when} OR ("createdAt" = ${when} AND "id" < ${Number(id)}))`);
  }
  const filter = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql.empty;
  const rows = await db().many(
    Event,
    sql`WITH page AS (SELECT * FROM "AuditEvent" ${filter} ORDER BY "createdAt" DESC, "id" DESC LIMIT ${AUDIT_PAGE + 1})
        SELECT e."id", e."createdAt", e."actorLabel", e."action", e."entityType", e."entityId", e."projectId", e."beforeJson" AS "before", e."afterJson" AS "after",
               CASE WHEN e."entityId" ~ '^[0-9]{1,9}$' THEN
                 CASE e."entityType" WHEN 'Account' THEN (SELECT a."email" FROM "Account" a WHERE a."id" = e."entityId"::int)
                                     WHEN 'Project' THEN (SELECT p."name" FROM "Project" p WHERE p."id" = e."entityId"::int) END
               END AS "entityName",
               (SELECT p."name" FROM "Project" p WHERE p."id" = e."projectId") AS "projectName"
        FROM page e ORDER BY e."createdAt" DESC, e."id" DESC`,
  );
  const page = rows.slice(0, AUDIT_PAGE);
  const last = page[page.length - 1];
  return { rows: page, next: rows.length > AUDIT_PAGE && last ? `${last.createdAt}|${last.id}` : null };
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The actions recorded so far, for the filter's choices. */
export async function auditActions(): Promise<string[]> {
  // one index seek per action (a skip scan) instead of reading every event
  const out: string[] = [];
  for (let a = ""; ;) {
    const next = await db().one(row({ action: col.text.nullable() }), sql`SELECT MIN("action") AS "action" FROM "AuditEvent" WHERE "action" > ${a}`);
    if (next.action === null) return out;
    out.push((a = next.action));
  }
}
