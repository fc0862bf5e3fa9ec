import type { JudgeMetric, ReasonCode, Thresholds } from "../kinds";
import { confusionOf, histogram, passFailScores, rocAuc, type ClassScores, type Confusion, type Estimate } from "./binary-stats";
import { propose, sweep, type Labeled, type Proposal, type SweepPoint } from "./proposal";

/** The judge metric a reject reason should have caught, in order of preference (the first the kind has). */
export const REASON_METRICS: Partial<Record<ReasonCode, JudgeMetric[]>> = {
  hallucination: ["hallucination"],
  contradiction: ["fidelity", "hallucination"],
  leakage: ["leakage"],
  generic: ["novelty", "informativeness"],
  off_topic: ["relevance", "coverage"],
  garbled: ["fluency", "overall"],
  duplicate: ["novelty"],
};

export interface LabeledArtifact extends Labeled {
  /** what the current rules say of it */
  passes: boolean;
  /** reasons people gave when they rejected it */
  reasons: readonly string[];
}

export interface MetricReport {
  metric: JudgeMetric;
  auc: Estimate;
  sweep: SweepPoint[];
}

export interface ReasonReport {
  reason: string;
  metric: JudgeMetric;
  /** score histograms (index = score) of the metric: artifacts rejected for the reason, and accepted ones */
  rejectedFor: number[];
  accepted: number[];
}

export interface KeyReport {
  key: string;
  labels: { accepted: number; rejected: number };
  confusion: Confusion;
  scores: { pass: ClassScores; fail: ClassScores };
  metrics: MetricReport[];
  reasons: ReasonReport[];
  proposal: Proposal;
}

/**
 * The calibration of one rubric key: how the current rule's pass/fail meets people's accept/reject,
 * how well each metric separates the two, what the rejects' reasons look like in the matching
 * metric, and the proposed thresholds. Pure, and linear in the labels (plus a fixed bootstrap).
 */
export function calibrateKey(key: string, metrics: readonly JudgeMetric[], current: Thresholds, items: readonly LabeledArtifact[], opts: { target?: number; seed?: string } = {}): KeyReport {
  const confusion = confusionOf(items.map((i) => ({ predicted: i.passes, actual: i.accepted })));
  const accepted = items.filter((i) => i.accepted);
  const rejected = items.filter((i) => !i.accepted);
  const metricReports = metrics.map((metric) => ({
    metric,
    auc: rocAuc(histogram(scoresOf(accepted, metric)), histogram(scoresOf(rejected, metric))),
    sweep: sweep(items, metric),
  }));
  const reasons: ReasonReport[] = [];
  const reasonsSeen = [...new Set(rejected.flatMap((i) => i.reasons))].sort();
  for (const reason of reasonsSeen) {
    const metric = REASON_METRICS[reason as ReasonCode]?.find((m) => metrics.includes(m));
    if (!metric) continue;
    reasons.push({ reason, metric, rejectedFor: histogram(scoresOf(rejected.filter((i) => i.reasons.includes(reason)), metric)), accepted: histogram(scoresOf(accepted, metric)) });
  }
  return {
    key,
    labels: { accepted: accepted.length, rejected: rejected.length },
    confusion,
    scores: passFailScores(confusion, opts.seed ?? key),
    metrics: metricReports,
    reasons,
    proposal: propose(items, metrics, current, opts.target),
  };
}

function* scoresOf(items: readonly Labeled[], metric: JudgeMetric): Generator<number> {
  for (const i of items) {
    const s = i.scores[metric];
    if (typeof s === "number") yield s;
  }
}
