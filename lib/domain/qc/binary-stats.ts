import { Rng } from "../rng";

/**
 * Statistics of a binary decision against human labels, with 95% intervals, for calibrating the
 * LLM judge: Wilson intervals for proportions, a seeded bootstrap for F1, Hanley-McNeil for ROC AUC.
 * Undefined values (nothing to divide by) come back as null with the reason, never NaN.
 */

export type Estimate = { value: number; low: number; high: number; n: number } | { value: null; reason: string; n: number };

const Z95 = 1.959963984540054;

/** A proportion with its Wilson score interval (good at small n and near 0 or 1, unlike the normal one). */
export function wilson(successes: number, n: number, what = "the proportion"): Estimate {
  if (n === 0) return { value: null, reason: `${what} is not defined: no cases`, n };
  const p = successes / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { value: p, low: Math.max(0, center - half), high: Math.min(1, center + half), n };
}

/** Rule says pass / fail against people's accept / reject. */
export interface Confusion {
  /** pass, accepted */
  tp: number;
  /** pass, rejected */
  fp: number;
  /** fail, accepted */
  fn: number;
  /** fail, rejected */
  tn: number;
}

export function confusionOf(pairs: Iterable<{ predicted: boolean; actual: boolean }>): Confusion {
  const c: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const { predicted, actual } of pairs) {
    if (predicted) actual ? c.tp++ : c.fp++;
    else actual ? c.fn++ : c.tn++;
  }
  return c;
}

export interface ClassScores {
  precision: Estimate;
  recall: Estimate;
  f1: Estimate;
}

/** Precision, recall and F1 of "pass" (positive: accepted) and of "fail" (positive: rejected). */
export function passFailScores(c: Confusion, seed = "calibration", resamples = 1000): { pass: ClassScores; fail: ClassScores } {
  const flipped: Confusion = { tp: c.tn, fp: c.fn, fn: c.fp, tn: c.tp };
  return { pass: classScores(c, `${seed}:pass`, resamples), fail: classScores(flipped, `${seed}:fail`, resamples) };
}

function classScores(c: Confusion, seed: string, resamples: number): ClassScores {
  return {
    precision: wilson(c.tp, c.tp + c.fp, "precision"),
    recall: wilson(c.tp, c.tp + c.fn, "recall"),
    f1: f1WithInterval(c, seed, resamples),
  };
}

const f1 = (c: Confusion) => (2 * c.tp) / (2 * c.tp + c.fp + c.fn);

/**
 * F1 with a percentile interval from a parametric bootstrap: the four cells are redrawn from the
 * multinomial of the observed shares (seeded, so the interval repeats), which costs the same for
 * ten labels or ten million.
 */
export function f1WithInterval(c: Confusion, seed = "f1", resamples = 1000): Estimate {
  const n = c.tp + c.fp + c.fn + c.tn;
  if (2 * c.tp + c.fp + c.fn === 0) return { value: null, reason: "F1 is not defined: no positive cases and no positive predictions", n };
  const rng = new Rng(seed);
  const values: number[] = [];
  for (let i = 0; i < resamples; i++) {
    const tp = binomial(rng, n, c.tp / n);
    const rest = n - tp;
    const fpShare = c.fp + c.fn + c.tn === 0 ? 0 : c.fp / (c.fp + c.fn + c.tn);
    const fp = binomial(rng, rest, fpShare);
    const fnShare = c.fn + c.tn === 0 ? 0 : c.fn / (c.fn + c.tn);
    const fn = binomial(rng, rest - fp, fnShare);
    const denom = 2 * tp + fp + fn;
    values.push(denom === 0 ? 0 : (2 * tp) / denom);
  }
  values.sort((a, b) => a - b);
  return { value: f1(c), low: values[Math.floor(0.025 * resamples)], high: values[Math.min(resamples - 1, Math.ceil(0.975 * resamples) - 1)], n };
}

/** A binomial draw: exact by inversion for small means, the normal approximation where it is excellent. */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const variance = n * p * (1 - p);
  if (variance >= 25) {
    // Box-Muller
    const u = 1 - rng.next();
    const v = rng.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.min(n, Math.max(0, Math.round(n * p + z * Math.sqrt(variance))));
  }
  // inversion from the smaller tail: with a variance under 25 its mean is under 50, so this is short
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  let k = 0;
  let prob = Math.pow(1 - q, n);
  let cumulative = prob;
  const u = rng.next();
  while (u > cumulative && k < n) {
    prob *= ((n - k) / (k + 1)) * (q / (1 - q));
    k++;
    cumulative += prob;
  }
  return flip ? n - k : k;
}

/**
 * ROC AUC of a 1-10 score separating accepted (positives) from rejected: the chance that an
 * accepted artifact scores higher than a rejected one, ties counting half; from score histograms,
 * so linear in the number of labels. The interval is Hanley & McNeil's (1982) normal approximation.
 */
export function rocAuc(accepted: readonly number[], rejected: readonly number[]): Estimate {
  const nP = accepted.reduce((a, b) => a + b, 0);
  const nN = rejected.reduce((a, b) => a + b, 0);
  const n = nP + nN;
  if (nP === 0 || nN === 0) return { value: null, reason: `AUC is not defined: no ${nP === 0 ? "accepted" : "rejected"} artifacts with this score`, n };
  let wins = 0;
  let below = 0;
  for (let s = 0; s < Math.max(accepted.length, rejected.length); s++) {
    const neg = rejected[s] ?? 0;
    wins += (accepted[s] ?? 0) * (below + neg / 2);
    below += neg;
  }
  const a = wins / (nP * nN);
  const q1 = a / (2 - a);
  const q2 = (2 * a * a) / (1 + a);
  const se = Math.sqrt(Math.max(0, (a * (1 - a) + (nP - 1) * (q1 - a * a) + (nN - 1) * (q2 - a * a)) / (nP * nN)));
  return { value: a, low: Math.max(0, a - Z95 * se), high: Math.min(1, a + Z95 * se), n };
}

/** A histogram of 1-10 scores (index = score). */
export function histogram(scores: Iterable<number>): number[] {
  const h = new Array<number>(11).fill(0);
  for (const s of scores) if (Number.isInteger(s) && s >= 0 && s <= 10) h[s]++;
  return h;
}
