import { z } from "zod";
import { HIGHLIGHT_FLAGS, HIGHLIGHT_KINDS, type HighlightKind } from "../highlights";
import { ARTIFACT_KINDS, DEFAULT_RUBRIC, inScoreRange, JUDGE_METRICS, rubricKey, SOCIAL_QA_FLAVORS, type ArtifactKind, type JudgeMetric, type Thresholds } from "../kinds";

/**
 * A QC rule set (DESIGN.md "Feedback into the pipeline"): per rubric key (a kind, or
 * `social_qa:<flavor>`), the minimum judge score per metric for "pass", optionally the scores
 * below which triage rejects without a human, and the deterministic checks that fail an artifact
 * outright. Saved versions never change; the pipeline fetches the current one as this JSON.
 */

export const RUBRIC_KEYS = [...ARTIFACT_KINDS.filter((k) => k !== "social_qa"), ...SOCIAL_QA_FLAVORS.map((f) => `social_qa:${f}`)] as const;

const score = z.number().int().min(1).max(10);
const thresholds = z.partialRecord(z.enum(JUDGE_METRICS), score);

export const ruleSetSchema = z
  .object({
    /** minimum score per metric to pass; an empty object: the kind is not judged */
    pass: z.record(z.enum(RUBRIC_KEYS), thresholds),
    /** auto-reject when a metric scores below this (triage); absent: never auto-rejected */
    reject: z.partialRecord(z.enum(RUBRIC_KEYS), thresholds).default({}),
    /** deterministic checks that fail an artifact whatever its scores */
    failOnFlags: z.array(z.enum(HIGHLIGHT_KINDS)).default([]),
  })
  .strict();

export type RuleSet = z.output<typeof ruleSetSchema>;

/** Version 1 of every project: the HumanLLM rubric, no auto-reject, no deterministic fails. */
export function defaultRuleSet(): RuleSet {
  return { pass: Object.fromEntries(RUBRIC_KEYS.map((k) => [k, { ...DEFAULT_RUBRIC[k] }])) as RuleSet["pass"], reject: {}, failOnFlags: [] };
}

/** out_of_range: the judge gave a score off the rubric's 1-10 scale, so no rule decides the artifact */
export type RuleOutcome = "pass" | "fail" | "not_judged" | "out_of_range";

export interface RuleResult {
  outcome: RuleOutcome;
  /** the scores off the scale, as given (NaN when read from packed scores) */
  outOfRange: { metric: JudgeMetric; score: number }[];
  /** the metrics under their minimum (a metric the judge did not score counts as under) */
  failed: { metric: JudgeMetric; score: number | null; min: number }[];
  /** deterministic checks that failed it */
  flagged: HighlightKind[];
}

export interface Judged {
  kind: ArtifactKind;
  flavor?: string | null;
  /** null when the judge did not score it */
  scores: Partial<Record<JudgeMetric, number>> | null;
  /** the importer's check flags (HIGHLIGHT_FLAGS bits) */
  flags?: number;
}

function under(scores: Judged["scores"], mins: Thresholds): RuleResult["failed"] {
  return (Object.entries(mins) as [JudgeMetric, number][])
    .filter(([metric, min]) => !(scores && typeof scores[metric] === "number" && scores[metric]! >= min))
    .map(([metric, min]) => ({ metric, score: scores?.[metric] ?? null, min }));
}

/** What a rule set says of one artifact. */
export function evaluate(rules: RuleSet, a: Judged): RuleResult {
  const flagged = rules.failOnFlags.filter((f) => ((a.flags ?? 0) & HIGHLIGHT_FLAGS[f]) !== 0);
  const outOfRange = (Object.entries(a.scores ?? {}) as [JudgeMetric, number][]).filter(([, s]) => !inScoreRange(s)).map(([metric, score]) => ({ metric, score }));
  if (outOfRange.length) return { outcome: "out_of_range", failed: [], flagged, outOfRange };
  const mins = rules.pass[rubricKey(a.kind, a.flavor) as (typeof RUBRIC_KEYS)[number]] ?? {};
  if (Object.keys(mins).length === 0 || a.scores === null) {
    return { outcome: flagged.length ? "fail" : "not_judged", failed: [], flagged, outOfRange };
  }
  const failed = under(a.scores, mins);
  return { outcome: failed.length || flagged.length ? "fail" : "pass", failed, flagged, outOfRange };
}

/**
 * Whether the judge's scores meet the rules' pass thresholds for the artifact's kind, the checks
 * aside (the judge's side in a dispute): null when the judge scored nothing, false for a score off
 * the scale, true for a kind without thresholds.
 */
export function judgePasses(rules: RuleSet, a: Judged): boolean | null {
  if (!a.scores || Object.keys(a.scores).length === 0) return null;
  const mins = rules.pass[rubricKey(a.kind, a.flavor) as (typeof RUBRIC_KEYS)[number]] ?? {};
  if (Object.keys(mins).length === 0) return true;
  if (Object.values(a.scores).some((s) => !inScoreRange(s))) return false;
  return under(a.scores, mins).length === 0;
}

export type TriageRoute = "auto_accept" | "auto_reject" | "human";

/** Whether triage can decide anything alone: some kind has reject thresholds, or a check fails outright. */
export function isCalibrated(rules: RuleSet): boolean {
  return Object.values(rules.reject).some((t) => t && Object.keys(t).length > 0) || rules.failOnFlags.length > 0;
}

/**
 * Where triage sends an artifact: a score off the scale to people whatever else holds, a deterministic fail or a score under a reject threshold is an
 * auto-reject, a pass of a key that has reject thresholds (so it was calibrated) an auto-accept,
 * everything else (not judged, or between the two) to people.
 */
export function triageRoute(rules: RuleSet, a: Judged): TriageRoute {
  const result = evaluate(rules, a);
  if (result.outcome === "out_of_range") return "human";
  if (result.flagged.length) return "auto_reject";
  const key = rubricKey(a.kind, a.flavor) as (typeof RUBRIC_KEYS)[number];
  const rejectBelow = rules.reject[key];
  if (!rejectBelow || Object.keys(rejectBelow).length === 0 || a.scores === null) return "human";
  const scores = a.scores;
  if ((Object.entries(rejectBelow) as [JudgeMetric, number][]).some(([metric, t]) => typeof scores[metric] === "number" && scores[metric]! < t)) return "auto_reject";
  return result.outcome === "pass" ? "auto_accept" : "human";
}
