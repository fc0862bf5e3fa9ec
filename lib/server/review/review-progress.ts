import "server-only";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import type { ReviewProgress } from "../../views/review";

/** Past this many, the queue says "more than": counting a million-row queue on every verdict would slow every verdict. */
export const LEFT_CAP = 500;

const Counts = row({ today: col.int, total: col.int, accepted: col.int, edited: col.int, rejected: col.int, left: col.int });

/**
 * Where the annotator stands: their verdicts that stand (not taken back) today and in all, from the
 * tally the database keeps as verdicts arrive (migration 014), and how many artifacts the queue could
 * still hand them (open, not gold, not judged by them, with room under the overlap) besides the one
 * they hold (an undone verdict's artifact among them), counted up to LEFT_CAP.
 */
export async function reviewProgress(projectId: number, accountId: number, overlap: number, dayStart: Date, held: string | null): Promise<ReviewProgress> {
  const c = await db().one(
    Counts,
    sql`SELECT COALESCE(SUM(t."accepted" + t."edited" + t."rejected") FILTER (WHERE t."bucket" >= ${dayStart}), 0)::int AS "today",
               COALESCE(SUM(t."accepted" + t."edited" + t."rejected") FILTER (WHERE t."bucket" = '-infinity'), 0)::int AS "total",
               COALESCE(SUM(t."accepted") FILTER (WHERE t."bucket" = '-infinity'), 0)::int AS "accepted",
               COALESCE(SUM(t."edited") FILTER (WHERE t."bucket" = '-infinity'), 0)::int AS "edited",
               COALESCE(SUM(t."rejected") FILTER (WHERE t."bucket" = '-infinity'), 0)::int AS "rejected",
               (SELECT COUNT(*)::int FROM (
                  SELECT 1 FROM "Artifact" a
                  WHERE a."projectId" = ${projectId} AND a."status" IN ('in_review', 'pending') AND NOT a."isGold" AND a."verdictCount" < ${overlap}
                    AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."id" AND v."accountId" = ${accountId})
                  LIMIT ${LEFT_CAP + 1}) open)
               + (EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = ${projectId} AND v."artifactId" = ${held} AND v."accountId" = ${accountId}))::int AS "left"
        FROM "VerdictTally" t
        WHERE t."projectId" = ${projectId} AND t."accountId" = ${accountId} AND (t."bucket" = '-infinity' OR t."bucket" >= ${dayStart})`,
  );
  const { left, ...totals } = c;
  return { ...totals, left: Math.min(left, LEFT_CAP), leftMore: left > LEFT_CAP, dayStart: dayStart.toISOString() };
}
