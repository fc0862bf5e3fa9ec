import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { AppError } from "../../errors";
import { assertProjectAccess } from "../projects/assert-project-access";
import { rawDb } from "../raw-db";
import { stmt, type Sqlite } from "../sqlite";

/**
 * Cursors are opaque to the pipeline: the id of the last event it was given, so that a page is
 * "the events after it". VerdictEvent is append-only and SQLite has one writer at a time, so a
 * higher id is never committed before a lower one: a page never skips an event that commits later.
 */
export const encodeCursor = (id: number) => Buffer.from(`v1:${id}`).toString("base64url");

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^v1:(\d{1,15})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!m) throw new AppError("bad_request", "This cursor is not one this API gave; start again without `since`.");
  return Number(m[1]);
}

interface Row {
  id: number;
  artifactId: string;
  email: string;
  decision: string;
  reasonsJson: string;
  contentJson: string | null;
  diffJson: string | null;
  comment: string | null;
  durationMs: number | null;
  supersedesId: number | null;
  source: string;
  createdAt: string;
}

/** A page of the project's verdict events after the cursor, in the order they were recorded. */
export async function verdictFeed(user: SessionUser, input: { projectId: number; since?: string; limit: number }, db: Sqlite = rawDb()) {
  await assertProjectAccess(user, input.projectId);
  const after = decodeCursor(input.since);
  // a rowid range; +projectId keeps SQLite from reading the project's index instead
  const rows = stmt(
    db,
    `SELECT v.id, v.artifactId, a.email, v.decision, v.reasonsJson, v.contentJson, v.diffJson, v.comment, v.durationMs, v.supersedesId, v.source, v.createdAt
     FROM VerdictEvent v JOIN Account a ON a.id = v.accountId WHERE v.id > ? AND +v.projectId = ? ORDER BY v.id LIMIT ?`,
  ).all(after, input.projectId, input.limit + 1) as Row[];
  const page = rows.slice(0, input.limit);
  return {
    events: page.map((r) => ({
      id: r.id,
      artifactId: r.artifactId,
      annotator: r.email,
      decision: r.decision,
      reasons: JSON.parse(r.reasonsJson) as string[],
      content: r.contentJson === null ? null : JSON.parse(r.contentJson),
      diff: r.diffJson === null ? null : JSON.parse(r.diffJson),
      comment: r.comment,
      seconds: r.durationMs === null ? null : r.durationMs / 1000,
      supersedes: r.supersedesId,
      source: r.source,
      createdAt: r.createdAt,
    })),
    next: encodeCursor(page.length ? page[page.length - 1].id : after),
    hasMore: rows.length > input.limit,
  };
}
