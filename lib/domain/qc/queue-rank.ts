import type { JudgeMetric, Thresholds } from "../kinds";
import { inScoreRange, rubricKey } from "../kinds";
import type { Judged, RuleSet, RUBRIC_KEYS } from "./rule-set";

/**
 * Where triage puts an artifact in the review queue (lower is claimed first). 0 is "never triaged":
 * a project without a calibrated rule set keeps its plain first-in, first-out queue. Artifacts
 * triage sends to people come next, most uncertain first; sampled audits of auto decisions last.
 */
export const QUEUE_RANK = { untriaged: 0, human: 1, audit: 100 } as const;

const MAX_DISTANCE = QUEUE_RANK.audit - QUEUE_RANK.human - 1;

/** Score points needed to lift every metric under its pass minimum up to it (a missing score counts as 0). */
function pointsToPass(scores: Partial<Record<JudgeMetric, number>>, pass: Thresholds): number {
  let sum = 0;
  for (const [metric, min] of Object.entries(pass) as [JudgeMetric, number][]) sum += Math.max(0, min - (scores[metric] ?? 0));
  return sum;
}

/** Score points one metric must drop to fall under its minimum (Infinity when no scored metric has one). */
function pointsToFail(scores: Partial<Record<JudgeMetric, number>>, mins: Thresholds): number {
  let best = Infinity;
  for (const [metric, min] of Object.entries(mins) as [JudgeMetric, number][]) {
    const s = scores[metric];
    if (typeof s === "number" && s >= min) best = Math.min(best, s - min + 1);
  }
  return best;
}

/**
 * How far an artifact the rules leave to people is from a decision, in judge score points; 0 is the
 * most uncertain. Where reject thresholds were calibrated, an artifact sits between auto-accept and
 * auto-reject, and the distance is how much nearer it is to one than to the other (the middle of the
 * band is the least certain). Where they were not, it is the distance to the pass line on either
 * side. An artifact the judge did not score, or scored off the scale, is as uncertain as it gets.
 */
export function uncertaintyDistance(rules: RuleSet, a: Judged): number {
  if (a.scores === null || !Object.values(a.scores).every(inScoreRange)) return 0;
  const key = rubricKey(a.kind, a.flavor) as (typeof RUBRIC_KEYS)[number];
  const pass = rules.pass[key] ?? {};
  if (Object.keys(pass).length === 0) return 0;
  const toPass = pointsToPass(a.scores, pass);
  const reject = rules.reject[key] ?? {};
  if (Object.keys(reject).length === 0) return toPass > 0 ? toPass - 1 : pointsToFail(a.scores, pass) - 1;
  const toReject = pointsToFail(a.scores, reject);
  return toReject === Infinity ? toPass : Math.abs(toPass - toReject);
}

/** The queue rank of an artifact triage routed to people. */
export function humanQueueRank(rules: RuleSet, a: Judged): number {
  return QUEUE_RANK.human + Math.min(MAX_DISTANCE, uncertaintyDistance(rules, a));
}
