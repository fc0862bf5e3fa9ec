import "server-only";
import { z } from "zod";
import { flagKinds, type HighlightKind } from "../../domain/highlights";
import { riskyChecksOf, type RiskyCheck } from "../../domain/risky-checks";
import { latestPerAnnotator } from "../review/review-state-of";
import { loadReviewItem } from "../review/load-review-item";
import type { ReviewItem } from "../../views/review";
import { db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import type { VerdictHistoryEntry, ArtifactRecord } from "../../views/items";

const Diff = z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() }));
const Reasons = z.array(z.string());

const Decided = row({
  status: col.text,
  decidedBy: col.text.nullable(),
  finalDecision: col.text.nullable(),
  finalContent: col.json(z.record(z.string(), z.unknown())).nullable(),
  finalizedAt: col.date.nullable(),
  isGold: col.bool,
  goldDecision: col.text.nullable(),
  flags: col.int.nullable(),
  importedAt: col.date,
  batchId: col.int.nullable(),
  line: col.int.nullable(),
  source: col.text.nullable(),
});
const Event = row({
  id: col.int,
  email: col.text,
  accountId: col.int,
  decision: col.text,
  reasons: col.json(Reasons),
  comment: col.text.nullable(),
  diff: col.json(Diff).nullable(),
  durationMs: col.int.nullable(),
  overrideFlags: col.int,
  source: col.text,
  batchId: col.int.nullable(),
  line: col.int.nullable(),
  createdAt: col.date,
});
const Ruling = row({ lead: col.text, decision: col.text, reasons: col.json(Reasons), note: col.text, createdAt: col.date });

/** Everything known about one artifact, for the lead's read-only view: the evidence, every verdict ever given, the decision. */
export async function loadArtifactRecord(projectId: number, artifactId: string, q: Queryable = db()): Promise<ArtifactRecord> {
  const item = await loadReviewItem(q, projectId, artifactId, { blind: false });
  const a = await q.one(
    Decided,
    sql`SELECT st."status", st."decidedBy", st."finalDecision", st."finalContentJson" AS "finalContent", st."finalizedAt", a."isGold", a."goldDecision", a."flags", a."importedAt",
               a."batchId", a."line", a."source"
        FROM "Artifact" a JOIN "ArtifactState" st ON st."projectId" = a."projectId" AND st."artifactId" = a."id" WHERE a."projectId" = ${projectId} AND a."id" = ${artifactId}`,
  );
  const events = await q.many(
    Event,
    sql`SELECT v."id", a."email", v."accountId", v."decision", v."reasonsJson" AS "reasons", v."comment", v."diffJson" AS "diff", v."durationMs", v."overrideFlags", v."source", v."batchId", v."line", v."createdAt"
        FROM "VerdictEvent" v JOIN "Account" a ON a."id" = v."accountId" WHERE v."projectId" = ${projectId} AND v."artifactId" = ${artifactId} ORDER BY v."createdAt", v."id"`,
  );
  const live = new Set(latestPerAnnotator(events).map((e) => e.id));
  const adjudications = await q.many(
    Ruling,
    sql`SELECT a."email" AS "lead", j."decision", j."reasonsJson" AS "reasons", j."note", j."createdAt" FROM "Adjudication" j JOIN "Account" a ON a."id" = j."leadId"
        WHERE j."projectId" = ${projectId} AND j."artifactId" = ${artifactId} ORDER BY j."createdAt", j."id"`,
  );
  return {
    item,
    ...a,
    flags: flagKinds(a.flags ?? 0),
    history: events.map((e) => ({
      verdictId: e.id,
      annotator: e.email,
      decision: e.decision,
      reasons: e.reasons,
      comment: e.comment,
      diff: e.diff,
      durationMs: e.durationMs,
      overrode: riskyChecksOf(e.overrideFlags),
      source: e.source,
      batchId: e.batchId,
      line: e.line,
      createdAt: e.createdAt,
      live: live.has(e.id),
    })),
    adjudications,
  };
}
