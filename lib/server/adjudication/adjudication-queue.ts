import "server-only";
import { z } from "zod";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { latestPerAnnotator } from "../review/review-state-of";
import type { DisputedArtifact, DisputedVerdict, RecordedAdjudication } from "../../views/adjudication";
import type { ReviewItem } from "../../views/review";
import { loadReviewItem } from "../review/load-review-item";
import { compareDisputes, disputeCase } from "../../domain/dispute-case";
import { RUBRIC_KEYS } from "../../domain/qc/rule-set";
import { currentRuleSet } from "../qc/rule-sets";
import { ArtifactSql } from "../qc/rules-sql";

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
 * oldest import), a page at a time. The counts come from each artifact's live verdicts and the
 * judge's side from the current rules, both in the database; the ranking is the domain's.
 */
export async function disputedArtifacts(projectId: number, opts: { limit?: number; offset?: number } = {}): Promise<{ rows: DisputedArtifact[]; total: number }> {
  const { rules } = await currentRuleSet(projectId);
  const a = new ArtifactSql("a");
  const judgePass = sql`CASE WHEN COALESCE(a."scoresPacked", 0) = 0 THEN NULL ELSE ${a.byKey(RUBRIC_KEYS, (k) => a.passes(rules.pass[k as (typeof RUBRIC_KEYS)[number]]))} END`;
  const found = await db().many(
    DisputedRow,
    sql`WITH d AS (SELECT a."id", a."kind", a."flavor", a."uid", a."verdictCount", a."importedAt", ${judgePass} AS "judgePass"
                   FROM "Artifact" a WHERE a."projectId" = ${projectId} AND a."status" = 'disputed'),
             live AS (SELECT DISTINCT ON (v."artifactId", v."accountId") v."artifactId", v."decision" FROM "VerdictEvent" v
                      WHERE v."projectId" = ${projectId} AND v."artifactId" IN (SELECT "id" FROM d)
                      ORDER BY v."artifactId", v."accountId", v."createdAt" DESC, v."id" DESC)
        SELECT d."id", d."kind", d."flavor", d."uid", d."verdictCount", d."judgePass",
               COUNT(*) FILTER (WHERE l."decision" = 'accept')::int AS "accepts", COUNT(*) FILTER (WHERE l."decision" = 'edit')::int AS "edits",
               COUNT(*) FILTER (WHERE l."decision" = 'reject')::int AS "rejects"
        FROM d LEFT JOIN live l ON l."artifactId" = d."id"
        GROUP BY d."id", d."kind", d."flavor", d."uid", d."verdictCount", d."judgePass", d."importedAt"
        ORDER BY d."importedAt", d."id"`,
  );
  // a stable sort keeps the oldest import first among equal ranks
  const ranked = found.map(({ judgePass, ...r }) => ({ ...r, ...disputeCase({ ...r, judgePass }) })).sort(compareDisputes);
  const offset = opts.offset ?? 0;
  return { rows: ranked.slice(offset, offset + (opts.limit ?? 50)), total: ranked.length };
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
