import type { JudgeMetric, ReasonCode, Thresholds } from "../kinds";
import { confusionOf, passFailScores, rocAuc, type ClassScores, type Confusion, type Estimate } from "./binary-stats";
import { propose, sweepFromHistograms, type Labeled, type Proposal, type SweepPoint } from "./proposal";

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
  // one pass for every histogram: per metric, accepted and rejected; per reason, its rejects
  const hist = new Map(metrics.map((m) => [m, { accepted: new Array<number>(11).fill(0), rejected: new Array<number>(11).fill(0) }]));
  const byReason = new Map<string, Map<JudgeMetric, number[]>>();
  let acceptedCount = 0;
  for (const i of items) {
    if (i.accepted) acceptedCount++;
    for (const m of metrics) {
      const s = i.scores[m];
      if (typeof s === "number") (i.accepted ? hist.get(m)!.accepted : hist.get(m)!.rejected)[s]++;
    }
    if (i.accepted) continue;
    for (const reason of i.reasons) {
      const metric = REASON_METRICS[reason as ReasonCode]?.find((m) => metrics.includes(m));
      const s = metric ? i.scores[metric] : undefined;
      if (!metric || typeof s !== "number") continue;
      let perMetric = byReason.get(reason);
      if (!perMetric) byReason.set(reason, (perMetric = new Map()));
      let h = perMetric.get(metric);
      if (!h) perMetric.set(metric, (h = new Array<number>(11).fill(0)));
      h[s]++;
    }
  }
  const metricReports = metrics.map((metric) => {
    const h = hist.get(metric)!;
    return { metric, auc: rocAuc(h.accepted, h.rejected), sweep: sweepFromHistograms(h.accepted, h.rejected, acceptedCount) };
  });
  const reasons: ReasonReport[] = [...byReason.keys()]
    .sort()
    .flatMap((reason) => [...byReason.get(reason)!].map(([metric, rejectedFor]) => ({ reason, metric, rejectedFor, accepted: hist.get(metric)!.accepted })));
  return {
    key,
    labels: { accepted: acceptedCount, rejected: items.length - acceptedCount },
    confusion,
    scores: passFailScores(confusion, opts.seed ?? key),
    metrics: metricReports,
    reasons,
    proposal: propose(items, metrics, current, opts.target),
  };
}
