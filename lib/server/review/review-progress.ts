import "server-only";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import type { ReviewProgress } from "../../views/review";

/**
 * Past this many, the queue says "more than": counting a million-row queue on every verdict would
 * slow every verdict. Each step walks up to this many artifacts of each open status (a row and a
 * probe of the annotator's verdicts each): at 500 that walk was a review step's largest read.
 */
export const LEFT_CAP = 100;

const Counts = row({ today: col.int, left: col.int });
const Total = row({ total: col.int });
const Kinds = row({ accepted: col.int, edited: col.int, rejected: col.int });

/** Standing verdicts: a retraction takes back one of the annotator's own verdicts, so they are the others less the retractions. */
const STANDING = sql`(COUNT(*) FILTER (WHERE e."decision" <> 'retract') - COUNT(*) FILTER (WHERE e."decision" = 'retract'))::int`;

export interface ProgressCounts {
  /** count the verdicts in all (an index scan over all of the annotator's: 26 ms at 50,000); the screen asks on load and adds its own after that */
  total?: boolean;
  /** count the accepts, edits and rejects that stand (the empty queue shows them) */
  breakdown?: boolean;
}

/**
 * Up to LEFT_CAP + 1 of the artifacts of one status the queue could hand the annotator, walked in
 * queue order on the queue's index: a walk bounded however the table's pages lie. As one count over
 * both statuses it was planned as a sequential scan that stops at the cap (EXPLAIN at 10M), and
 * took 0.4-5 s per claim in the scale bench: a scan starts where a concurrent one is (synchronized
 * scans) and may pass millions of decided rows before the first open one.
 */
const openOf = (projectId: number, accountId: number, overlap: number) => (status: "in_review" | "pending") =>
  sql`(SELECT 1 FROM "ArtifactState" a
       WHERE a."projectId" = ${projectId} AND a."status" = ${status} AND NOT a."isGold" AND a."verdictCount" < ${overlap}
         AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."artifactId" AND v."accountId" = ${accountId})
       ORDER BY a."queueRank", a."importedAt", a."artifactId" LIMIT ${LEFT_CAP + 1})`;

/**
 * Where the annotator stands, counted on an index of who decided what when (migration 014): their
 * standing verdicts today (an index range from the start of their day) and, if asked, in all; and
 * how many artifacts the queue could still hand them (open, not gold, not judged by them, with room
 * under the overlap) besides the one they hold (an undone verdict's artifact among them), counted up
 * to LEFT_CAP (each status up to LEFT_CAP + 1: past the cap either way when one of them is).
 */
export async function reviewProgress(projectId: number, accountId: number, overlap: number, dayStart: Date, held: string | null, counts: ProgressCounts = {}): Promise<ReviewProgress> {
  const mine = sql`e."projectId" = ${projectId} AND e."accountId" = ${accountId}`;
  const open = openOf(projectId, accountId, overlap);
  const [c, total, kinds] = await Promise.all([
    db().one(
      Counts,
      sql`SELECT (SELECT ${STANDING} FROM "VerdictEvent" e WHERE ${mine} AND e."createdAt" >= ${dayStart}) AS "today",
                 (SELECT COUNT(*)::int FROM (${open("in_review")} UNION ALL ${open("pending")}) open)
                 + (EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = ${projectId} AND v."artifactId" = ${held} AND v."accountId" = ${accountId}))::int AS "left"`,
    ),
    counts.total || counts.breakdown ? db().one(Total, sql`SELECT ${STANDING} AS "total" FROM "VerdictEvent" e WHERE ${mine}`) : null,
    counts.breakdown
      ? db().one(
          Kinds,
          sql`SELECT COUNT(*) FILTER (WHERE v."decision" = 'accept')::int AS "accepted", COUNT(*) FILTER (WHERE v."decision" = 'edit')::int AS "edited",
                     COUNT(*) FILTER (WHERE v."decision" = 'reject')::int AS "rejected"
              FROM "VerdictEvent" v
              WHERE v."projectId" = ${projectId} AND v."accountId" = ${accountId} AND v."decision" <> 'retract'
                AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" r WHERE r."projectId" = v."projectId" AND r."artifactId" = v."artifactId" AND r."accountId" = v."accountId" AND r."supersedesId" = v."id")`,
        )
      : null,
  ]);
  return {
    today: c.today,
    total: total?.total ?? null,
    accepted: kinds?.accepted ?? null,
    edited: kinds?.edited ?? null,
    rejected: kinds?.rejected ?? null,
    left: Math.min(c.left, LEFT_CAP),
    leftMore: c.left > LEFT_CAP,
    dayStart: dayStart.toISOString(),
  };
}
