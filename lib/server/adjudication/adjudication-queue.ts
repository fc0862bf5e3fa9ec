import "server-only";
import { z } from "zod";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { latestPerAnnotator } from "../review/review-state-of";
import type { DisputedArtifact, DisputedVerdict, RecordedAdjudication } from "../../views/adjudication";
import type { ReviewItem } from "../../views/review";
import { loadReviewItem } from "../review/load-review-item";
import { disputeCase } from "../../domain/dispute-case";
import { countBy } from "../../domain/tally";
import { artifactTally } from "../projects/tallies";
import { rankStaleDisputes } from "./disputes";

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

const DisputedRow = row({
  id: col.text,
  kind: col.text,
  flavor: col.text.nullable(),
  uid: col.text,
  verdictCount: col.int,
  accepts: col.int,
  edits: col.int,
  rejects: col.int,
  judgePass: col.bool.nullable(),
});

/**
 * Disputed artifacts, the widest splits first (lib/domain/dispute-case.ts: accept vs reject before
 * edit vs reject before accept vs edit, the judge against the majority, then more verdicts; then
 * oldest import), a page at a time. The order is kept on write (disputes.ts): a page is an index
 * walk, and the total comes from the tallies. Disputes ranked under older rules are ranked first.
 */
export async function disputedArtifacts(projectId: number, opts: { limit?: number; offset?: number } = {}): Promise<{ rows: DisputedArtifact[]; total: number }> {
  await rankStaleDisputes(projectId);
  const [found, tally] = await Promise.all([
    db().many(
      DisputedRow,
      sql`SELECT d."artifactId" AS "id", a."kind", a."flavor", a."uid", s."verdictCount", d."accepts", d."edits", d."rejects", d."judgePass"
          FROM "Dispute" d JOIN "Artifact" a ON a."projectId" = d."projectId" AND a."id" = d."artifactId"
            JOIN "ArtifactState" s ON s."projectId" = d."projectId" AND s."artifactId" = d."artifactId"
          WHERE d."projectId" = ${projectId} ORDER BY d."rank" DESC, d."importedAt", d."artifactId" LIMIT ${opts.limit ?? 50} OFFSET ${opts.offset ?? 0}`,
    ),
    artifactTally(projectId),
  ]);
  const total = countBy(tally, (r) => r.status).find((c) => c.key === "disputed")?.count ?? 0;
  return { rows: found.map(({ judgePass, ...r }) => ({ ...r, ...disputeCase({ ...r, judgePass }) })), total };
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

const Recorded = row({ artifactId: col.text, decision: col.text, reasons: col.json(z.array(z.string())), lead: col.text, createdAt: col.date });

/** An artifact's latest adjudication, for the confirmation that names what was recorded; null if it has none. */
export async function latestAdjudication(projectId: number, artifactId: string): Promise<RecordedAdjudication | null> {
  const recorded = await db().maybe(
    Recorded,
    sql`SELECT j."artifactId", j."decision", j."reasonsJson" AS "reasons", a."email" AS "lead", j."createdAt"
        FROM "Adjudication" j JOIN "Account" a ON a."id" = j."leadId"
        WHERE j."projectId" = ${projectId} AND j."artifactId" = ${artifactId} ORDER BY j."id" DESC LIMIT 1`,
  );
  return recorded ?? null;
}
