import "server-only";
import { z } from "zod";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";

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

const FeedRow = row({
  id: col.int, artifactId: col.text, email: col.text, decision: col.text, reasons: col.json(z.array(z.string())), content: col.json(z.unknown()).nullable(),
  diff: col.json(z.unknown()).nullable(), comment: col.text.nullable(), durationMs: col.int.nullable(), supersedesId: col.int.nullable(), source: col.text, createdAt: col.date,
});

/**
 * A page of the project's verdict events after the cursor, in the order they were recorded.
 * Reached through guardApi only, which has loaded the project with the token owner's membership.
 */
export async function verdictFeed(input: { projectId: number; since?: string; limit: number }) {
  const after = decodeCursor(input.since);
  // a range of ids; on SQLite, +projectId keeps the planner from reading the project's index instead
  const project = db().dialect === "sqlite" ? sql.raw(`+v."projectId"`) : sql.raw(`v."projectId"`);
  const rows = await db().many(
    FeedRow,
    sql`SELECT v."id", v."artifactId", a."email", v."decision", v."reasonsJson" AS "reasons", v."contentJson" AS "content", v."diffJson" AS "diff", v."comment", v."durationMs",
               v."supersedesId", v."source", v."createdAt"
        FROM "VerdictEvent" v JOIN "Account" a ON a."id" = v."accountId" WHERE v."id" > ${after} AND ${project} = ${input.projectId} ORDER BY v."id" LIMIT ${input.limit + 1}`,
  );
  const page = rows.slice(0, input.limit);
  return {
    events: page.map((r) => ({
      id: r.id,
      artifactId: r.artifactId,
      annotator: r.email,
      decision: r.decision,
      reasons: r.reasons,
      content: r.content,
      diff: r.diff,
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
