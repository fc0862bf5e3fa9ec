import { contentFlags, namesInPosts } from "../../domain/highlights";
import { packScores } from "../../domain/qc/packed-scores";
import { stableStringify } from "../../domain/stable-json";
import { parseImportLine } from "../../validation/import-line";

/**
 * A validated line turned into the column values the importer writes, in canonical form (JSON with
 * sorted keys), so that a re-imported line can be compared with the stored row field by field.
 * Pure (no database): it can run on a worker thread while the main thread writes.
 */
export type PreparedRow =
  | { type: "user"; line: number; uid: string; platform: string; meta: string }
  | {
      type: "post";
      line: number;
      id: string;
      uid: string;
      platform: string;
      kind: string;
      createdAt: string | null;
      title: string | null;
      text: string;
      rewrite: string | null;
      tags: string;
      meta: string;
      /** person names in the text, for the leaked-name check of artifacts citing it */
      names: string[];
    }
  | {
      type: "artifact";
      line: number;
      id: string;
      uid: string;
      kind: string;
      flavor: string | null;
      content: string;
      generatorModel: string | null;
      generatorPrompt: string | null;
      source: string | null;
      judgeModel: string | null;
      scores: string | null;
      explanation: string | null;
      overall: number | null;
      minScore: number | null;
      packedScores: number | null;
      sourcePostIds: string[];
      sourcePostIdsJson: string;
      /** the checks that need only the content (HIGHLIGHT_FLAGS); the writer adds leaked names */
      contentFlags: number;
      contentValue: Record<string, unknown>;
    }
  | {
      type: "verdict";
      line: number;
      artifactId: string;
      annotator: string;
      decision: string;
      reasons: string;
      content: string | null;
      comment: string | null;
      createdAt: string;
    };

export type PreparedLine = PreparedRow | { type: "error"; line: number; reason: string };

const UTC_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** A timestamp in one canonical form (ISO 8601, UTC, milliseconds), as the data layer reads stored ones. */
function isoOf(text: string): string {
  return UTC_MILLIS.test(text) ? text : new Date(text).toISOString();
}

/** Validates one line of text and computes what the importer stores for it. */
export function prepareLine(text: string, line: number): PreparedLine {
  const parsed = parseImportLine(text);
  if (!parsed.ok) return { type: "error", line, reason: parsed.reason };
  const rec = parsed.value;
  switch (rec.type) {
    case "user": {
      const meta = stableStringify(rec.meta);
      return { type: "user", line, uid: rec.uid, platform: rec.platform, meta };
    }
    case "post": {
      const createdAt = rec.created_at ? isoOf(rec.created_at) : null;
      const tags = JSON.stringify(rec.tags); // zod's output keeps the schema's key order
      const meta = stableStringify(rec.meta);
      return {
        type: "post",
        line,
        id: rec.id,
        uid: rec.uid,
        platform: rec.platform,
        kind: rec.kind,
        createdAt,
        title: rec.title ?? null,
        text: rec.text,
        rewrite: rec.rewrite ?? null,
        tags,
        meta,
        names: namesInPosts([rec.text]),
      };
    }
    case "artifact": {
      const values = rec.judge ? Object.values(rec.judge.scores) : [];
      const content = stableStringify(rec.content);
      const scores = values.length ? stableStringify(rec.judge!.scores) : null;
      const g = rec.generator;
      const j = rec.judge;
      const sourcePostIds = [...new Set(rec.source_post_ids)];
      const sourcePostIdsJson = JSON.stringify(sourcePostIds);
      return {
        type: "artifact",
        line,
        id: rec.id,
        uid: rec.uid,
        kind: rec.kind,
        flavor: rec.flavor ?? null,
        content,
        generatorModel: g?.model ?? null,
        generatorPrompt: g?.prompt ?? null,
        source: rec.source ?? null,
        judgeModel: j?.model ?? null,
        scores,
        explanation: j?.explanation ?? null,
        overall: j?.scores.overall ?? null,
        minScore: values.length ? Math.min(...values) : null,
        packedScores: values.length ? packScores(j!.scores) : null,
        sourcePostIds,
        sourcePostIdsJson,
        contentFlags: contentFlags(rec.kind, rec.content),
        contentValue: rec.content,
      };
    }
    case "verdict": {
      const reasons = JSON.stringify(rec.reasons);
      const content = rec.content ? stableStringify(rec.content) : null;
      return {
        type: "verdict",
        line,
        artifactId: rec.artifact_id,
        annotator: rec.annotator.toLowerCase(),
        decision: rec.decision,
        reasons,
        content,
        comment: rec.comment ?? null,
        createdAt: isoOf(rec.created_at),
      };
    }
  }
}
