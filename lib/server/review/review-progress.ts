import "server-only";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import type { ReviewProgress } from "../../views/review";

/** Past this many, the queue says "more than": counting a million-row queue on every verdict would slow every verdict. */
export const LEFT_CAP = 1000;

const Counts = row({ today: col.int, total: col.int, accepted: col.int, edited: col.int, rejected: col.int, left: col.int });

/**
 * Where the annotator stands: their live verdicts (the latest of theirs on each artifact, unless it
 * was taken back) today and in all, and how many artifacts the queue could still hand them (open,
 * not gold, not judged by them, with room under the overlap) besides the one they hold (an undone
 * verdict's artifact among them), counted up to LEFT_CAP.
 */
export async function reviewProgress(projectId: number, accountId: number, overlap: number, dayStart: Date, held: string | null): Promise<ReviewProgress> {
  const c = await db().one(
    Counts,
    sql`WITH mine AS (
          SELECT DISTINCT ON ("artifactId") "decision", "createdAt" FROM "VerdictEvent"
          WHERE "projectId" = ${projectId} AND "accountId" = ${accountId}
          ORDER BY "artifactId", "createdAt" DESC, "id" DESC
        ), live AS (SELECT * FROM mine WHERE "decision" <> 'retract')
        SELECT COUNT(*) FILTER (WHERE "createdAt" >= ${dayStart})::int AS "today", COUNT(*)::int AS "total",
               COUNT(*) FILTER (WHERE "decision" = 'accept')::int AS "accepted", COUNT(*) FILTER (WHERE "decision" = 'edit')::int AS "edited",
               COUNT(*) FILTER (WHERE "decision" = 'reject')::int AS "rejected",
               (SELECT COUNT(*)::int FROM (
                  SELECT 1 FROM "Artifact" a
                  WHERE a."projectId" = ${projectId} AND a."status" IN ('in_review', 'pending') AND NOT a."isGold" AND a."verdictCount" < ${overlap}
                    AND (a."id" = ${held} OR NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."id" AND v."accountId" = ${accountId}))
                  LIMIT ${LEFT_CAP + 1}) open) AS "left"
        FROM live`,
  );
  const { left, ...totals } = c;
  return { ...totals, left: Math.min(left, LEFT_CAP), leftMore: left > LEFT_CAP, dayStart: dayStart.toISOString() };
}
