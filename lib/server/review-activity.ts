import "server-only";
import { db, type Queryable } from "../db/client";
import { col, row } from "../db/columns";
import { sql } from "../db/sql";

/** New verdicts are counted up to this many: "over 100,000 new" says enough. */
export const COUNT_CAP = 100_000;

/** What a computation saw of a project's reviews: the verdicts of its snapshot (or up to an id, for older rows) and the adjudications up to an id. */
export interface ActivityMark {
  verdictSnapshot: string | null;
  verdictCursor?: number;
  adjudicationCursor: number;
}

const Count = row({ n: col.int });

/** The mark of what is committed now, taken in the caller's transaction. */
export async function activityMark(q: Queryable, projectId: number): Promise<{ verdictSnapshot: string; adjudicationCursor: number }> {
  return q.one(
    row({ verdictSnapshot: col.text, adjudicationCursor: col.int }),
    sql`SELECT pg_current_snapshot()::text AS "verdictSnapshot", (SELECT COALESCE(MAX("id"), 0) FROM "Adjudication" WHERE "projectId" = ${projectId}) AS "adjudicationCursor"`,
  );
}

/**
 * The verdicts and adjudications a mark did not see: newer transactions (from the feed's index),
 * or for a mark without a snapshot the ids after its cursor; verdicts counted up to COUNT_CAP.
 */
export async function activitySince(projectId: number, mark: ActivityMark | null, q: Queryable = db()): Promise<{ newVerdicts: number; newAdjudications: number }> {
  const unseen = mark?.verdictSnapshot
    ? sql`"txid" >= pg_snapshot_xmin(${mark.verdictSnapshot}::pg_snapshot) AND NOT pg_visible_in_snapshot("txid", ${mark.verdictSnapshot}::pg_snapshot)`
    : sql`"id" > ${mark?.verdictCursor ?? 0}`;
  const { n: newVerdicts } = await q.one(Count, sql`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "VerdictEvent" WHERE "projectId" = ${projectId} AND ${unseen} LIMIT ${COUNT_CAP}) c`);
  const { n: newAdjudications } = await q.one(Count, sql`SELECT COUNT(*) AS "n" FROM "Adjudication" WHERE "projectId" = ${projectId} AND "id" > ${mark?.adjudicationCursor ?? 0}`);
  return { newVerdicts, newAdjudications };
}
