import type { JudgeMetric, Thresholds } from "../kinds";

/**
 * Threshold sweeps and proposals for one rubric key, from people's final labels of judged artifacts.
 * Auto-accept: every metric at or above its threshold (the rubric's "pass"). Auto-reject: some metric
 * below its threshold. A proposal keeps the precision of its decision at or above a target and, among
 * the thresholds that do, takes those with the highest recall.
 */

export interface Labeled {
  scores: Partial<Record<JudgeMetric, number>>;
  accepted: boolean;
}

export const MIN_LABELS = 30;

/**
 * Identical score vectors with their accepted and rejected counts, in flat arrays (group g's score
 * of metric i at scores[g * metrics + i]): every search evaluates thresholds over these hundreds of
 * times, not over every label.
 */
interface Groups {
  metrics: number;
  scores: Uint8Array;
  accepted: Float64Array;
  rejected: Float64Array;
}

function groupByScores(items: readonly Labeled[], metrics: readonly JudgeMetric[]): Groups {
  const index = new Map<number, number>();
  const scores: number[] = [];
  const accepted: number[] = [];
  const rejected: number[] = [];
  for (const it of items) {
    let key = 0;
    for (const m of metrics) key = key * 16 + (it.scores[m] ?? 0); // an unscored metric (0) is below any threshold
    let g = index.get(key);
    if (g === undefined) {
      index.set(key, (g = accepted.length));
      for (const m of metrics) scores.push(it.scores[m] ?? 0);
      accepted.push(0);
      rejected.push(0);
    }
    if (it.accepted) accepted[g]++;
    else rejected[g]++;
  }
  return { metrics: metrics.length, scores: Uint8Array.from(scores), accepted: Float64Array.from(accepted), rejected: Float64Array.from(rejected) };
}

export interface Operating {
  /** null when the rule decides nothing */
  precision: number | null;
  recall: number;
  /** how many labeled artifacts it decides */
  decided: number;
}

/** Whether every metric of group g is at or above its threshold (the rubric's pass). */
function passes(groups: Groups, g: number, t: readonly number[]): boolean {
  const m = groups.metrics;
  for (let i = 0, at = g * m; i < m; i++, at++) if (groups.scores[at] < t[i]) return false;
  return true;
}

function acceptStats(groups: Groups, t: number[], totalAccepted: number): Operating {
  let tp = 0;
  let fp = 0;
  for (let g = 0; g < groups.accepted.length; g++) {
    if (passes(groups, g, t)) {
      tp += groups.accepted[g];
      fp += groups.rejected[g];
    }
  }
  return { precision: tp + fp ? tp / (tp + fp) : null, recall: totalAccepted ? tp / totalAccepted : 0, decided: tp + fp };
}

function rejectStats(groups: Groups, t: number[], totalRejected: number): Operating {
  let tp = 0;
  let fp = 0;
  for (let g = 0; g < groups.accepted.length; g++) {
    if (!passes(groups, g, t)) {
      tp += groups.rejected[g];
      fp += groups.accepted[g];
    }
  }
  return { precision: tp + fp ? tp / (tp + fp) : null, recall: totalRejected ? tp / totalRejected : 0, decided: tp + fp };
}

export interface SweepPoint {
  threshold: number;
  /** of auto-accepting when this one metric is at or above the threshold */
  precision: number | null;
  recall: number;
}

/** Precision and recall of auto-accept by one metric at each threshold 1-10 (for the sweep chart). */
export function sweep(items: readonly Labeled[], metric: JudgeMetric): SweepPoint[] {
  const accepted = new Array<number>(11).fill(0);
  const rejected = new Array<number>(11).fill(0);
  for (const i of items) (i.accepted ? accepted : rejected)[i.scores[metric] ?? 0]++;
  return sweepFromHistograms(accepted, rejected, items.filter((i) => i.accepted).length);
}

/** The sweep from score histograms (index = score, 0 = not scored) of accepted and rejected artifacts. */
export function sweepFromHistograms(accepted: readonly number[], rejected: readonly number[], totalAccepted: number): SweepPoint[] {
  const points: SweepPoint[] = [];
  let tp = 0;
  let fp = 0;
  for (let t = 10; t >= 1; t--) {
    tp += accepted[t] ?? 0;
    fp += rejected[t] ?? 0;
    points.unshift({ threshold: t, precision: tp + fp ? tp / (tp + fp) : null, recall: totalAccepted ? tp / totalAccepted : 0 });
  }
  return points;
}

export type Proposal =
  | { status: "too_few"; labels: number; needed: number; message: string }
  | {
      status: "proposed";
      labels: number;
      accept: { thresholds: Thresholds; at: Operating; reachable: boolean };
      reject: { thresholds: Thresholds; at: Operating; reachable: boolean };
    };

/**
 * Proposes accept and reject thresholds for the given metrics. Accept: from the current thresholds
 * and from accepting everything, raise the threshold that buys the most precision per recall lost
 * until the target is met, then move one metric at a time to the value with the best recall that
 * keeps the target, until nothing improves; the better of the two starts wins. Reject: the same
 * search from rejecting nothing, with each reject threshold at most its accept threshold (so no
 * artifact is both). `reachable` is false when no thresholds reach the target (then nothing is
 * decided automatically).
 */
export function propose(items: readonly Labeled[], metrics: readonly JudgeMetric[], current: Thresholds, target = 0.95): Proposal {
  if (items.length < MIN_LABELS) {
    return { status: "too_few", labels: items.length, needed: MIN_LABELS, message: `${items.length} labels; calibration needs at least ${MIN_LABELS} per kind` };
  }
  const groups = groupByScores(items, metrics);
  const accepted = items.filter((i) => i.accepted).length;
  const rejected = items.length - accepted;
  const ok = (o: Operating) => o.decided === 0 || (o.precision !== null && o.precision >= target);
  const better = (a: Operating, b: Operating) => a.recall > b.recall || (a.recall === b.recall && (a.precision ?? 1) > (b.precision ?? 1));

  const acceptAt = (t: number[]) => acceptStats(groups, t, accepted);
  const starts = [metrics.map((m) => current[m] ?? 1), metrics.map(() => 1)].map((t) =>
    ascend(
      raiseUntil(t, acceptAt, ok),
      acceptAt,
      ok,
      better,
      () => 1,
      () => 11,
    ),
  );
  const acceptT = starts.reduce((best, t) => (better(acceptAt(t), acceptAt(best)) ? t : best));
  const acceptOp = acceptAt(acceptT);

  const rejectAt = (t: number[]) => rejectStats(groups, t, rejected);
  const rejectT = ascend(
    metrics.map(() => 1),
    rejectAt,
    ok,
    better,
    () => 1,
    (i) => acceptT[i],
  );
  const rejectOp = rejectAt(rejectT);

  const asThresholds = (t: number[], keep: (v: number) => boolean) => Object.fromEntries(metrics.map((m, i) => [m, t[i]]).filter(([, v]) => keep(v as number))) as Thresholds;
  return {
    status: "proposed",
    labels: items.length,
    accept: { thresholds: asThresholds(acceptT, () => true), at: acceptOp, reachable: acceptOp.decided > 0 },
    reject: { thresholds: asThresholds(rejectT, (v) => v > 1), at: rejectOp, reachable: rejectOp.decided > 0 },
  };
}

/** Raises one threshold at a time (the one with the best precision gain per recall lost) until `ok`. */
function raiseUntil(start: number[], at: (t: number[]) => Operating, ok: (o: Operating) => boolean): number[] {
  const t = [...start];
  for (let guard = 0; guard < 11 * t.length && !ok(at(t)); guard++) {
    const now = at(t);
    let best: { i: number; score: number } | null = null;
    for (let i = 0; i < t.length; i++) {
      if (t[i] >= 11) continue;
      const next = at(t.map((v, j) => (j === i ? v + 1 : v)));
      const gain = (next.precision ?? 1) - (now.precision ?? 0);
      const loss = now.recall - next.recall;
      const score = gain / (loss + 1e-9);
      if (!best || score > best.score) best = { i, score };
    }
    if (!best) break;
    t[best.i]++;
  }
  return t;
}

/**
 * Coordinate ascent from thresholds that are `ok`: each threshold in turn set to its best value
 * (keeping `ok`), until a full round changes nothing.
 */
function ascend(
  start: number[],
  at: (t: number[]) => Operating,
  ok: (o: Operating) => boolean,
  better: (a: Operating, b: Operating) => boolean,
  min: (i: number) => number,
  max: (i: number) => number,
): number[] {
  const t = [...start];
  for (let round = 0; round < 20; round++) {
    let changed = false;
    for (let i = 0; i < t.length; i++) {
      let bestValue = t[i];
      let bestOp = at(t);
      for (let v = min(i); v <= max(i); v++) {
        if (v === t[i]) continue;
        const op = at(t.map((x, j) => (j === i ? v : x)));
        if (ok(op) && better(op, bestOp)) {
          bestValue = v;
          bestOp = op;
        }
      }
      if (bestValue !== t[i]) {
        t[i] = bestValue;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return t;
}
