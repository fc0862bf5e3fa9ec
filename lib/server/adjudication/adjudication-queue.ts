import "server-only";
import { z } from "zod";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { latestPerAnnotator } from "../review/review-state-of";
import type { DisputedVerdict } from "../../views/adjudication";
import type { ReviewItem } from "../../views/review";
import { loadReviewItem } from "../review/load-review-item";

const Diff = z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() }));

const Event = row({
  id: col.int,
  email: col.text,
  accountId: col.int,
  decision: col.text,
  reasons: col.json(z.array(z.string())),
  comment: col.text.nullable(),
  content: col.json(z.record(z.string(), z.unknown())).nullable(),
  diff: col.json(Diff).nullable(),
  createdAt: col.date,
});

const DisputedRow = row({ id: col.text, kind: col.text, flavor: col.text.nullable(), uid: col.text, disagreement: col.num, verdictCount: col.int });

/** Disputed artifacts, most disagreement first (then oldest import), a page at a time. */
export async function disputedArtifacts(projectId: number, opts: { limit?: number; offset?: number } = {}) {
  const rows = await db().many(
    DisputedRow,
    sql`SELECT "id", "kind", "flavor", "uid", "disagreement", "verdictCount" FROM "Artifact" WHERE "projectId" = ${projectId} AND "status" = 'disputed'
        ORDER BY "disagreement" DESC, "importedAt", "id" LIMIT ${opts.limit ?? 50} OFFSET ${opts.offset ?? 0}`,
  );
  const { n: total } = await db().one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM "Artifact" WHERE "projectId" = ${projectId} AND "status" = 'disputed'`);
  return { rows, total };
}

/** The live verdicts of an artifact (the latest per annotator, retractions removed), oldest first, with who gave them. */
export async function liveVerdictsOf(projectId: number, artifactId: string): Promise<DisputedVerdict[]> {
  const events = await db().many(
    Event,
    sql`SELECT v."id", a."email", v."accountId", v."decision", v."reasonsJson" AS "reasons", v."comment", v."contentJson" AS "content", v."diffJson" AS "diff", v."createdAt"
        FROM "VerdictEvent" v JOIN "Account" a ON a."id" = v."accountId" WHERE v."projectId" = ${projectId} AND v."artifactId" = ${artifactId} ORDER BY v."createdAt", v."id"`,
  );
  return latestPerAnnotator(events).map((e) => ({
    verdictId: e.id,
    annotator: e.email,
    decision: e.decision,
    reasons: e.reasons,
    comment: e.comment,
    content: e.content,
    diff: e.diff,
    createdAt: e.createdAt,
  }));
}

/** A disputed artifact as a lead adjudicates it: the artifact with its posts (never blind), and the live verdicts. */
export async function disputedItem(projectId: number, artifactId: string): Promise<{ item: ReviewItem; verdicts: DisputedVerdict[] }> {
  return { item: await loadReviewItem(db(), projectId, artifactId, { blind: false }), verdicts: await liveVerdictsOf(projectId, artifactId) };
}
