import { inScoreRange, JUDGE_METRICS, type JudgeMetric } from "../kinds";

/** The four bits of a score off the rubric's scale (its value is in the judge's JSON). */
export const OUT_OF_RANGE_BITS = 15;

/**
 * Judge scores packed into one integer, four bits per metric in JUDGE_METRICS order (0: not scored,
 * 1-10: the score, 15: a score off the 1-10 scale), 40 bits in all: small enough to be copied into
 * each artifact's narrow state row (migration 027), so calibration and triage read a million
 * artifacts' scores without reading their wide rows.
 */
export function packScores(scores: Partial<Record<JudgeMetric, number>> | null | undefined): number | null {
  if (!scores) return null;
  let packed = 0;
  JUDGE_METRICS.forEach((m, i) => {
    const s = scores[m];
    if (typeof s === "number") packed += (inScoreRange(s) ? s : OUT_OF_RANGE_BITS) * 2 ** (4 * i);
  });
  return packed;
}

/** The scores of packScores; a score off the scale comes back as NaN (inScoreRange says no to it). */
export function unpackScores(packed: number): Partial<Record<JudgeMetric, number>> {
  const out: Partial<Record<JudgeMetric, number>> = {};
  let rest = packed;
  for (const m of JUDGE_METRICS) {
    const s = rest % 16;
    if (s) out[m] = s === OUT_OF_RANGE_BITS ? Number.NaN : s;
    rest = Math.floor(rest / 16);
  }
  return out;
}
