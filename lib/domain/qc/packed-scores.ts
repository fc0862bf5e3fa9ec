import { JUDGE_METRICS, type JudgeMetric } from "../kinds";

/**
 * Judge scores packed into one integer, four bits per metric in JUDGE_METRICS order (0: not scored),
 * 40 bits in all: small enough to sit in the items table's covering index, so calibration and
 * triage read a million artifacts' scores without reading their rows.
 */
export function packScores(scores: Partial<Record<JudgeMetric, number>> | null | undefined): number | null {
  if (!scores) return null;
  let packed = 0;
  JUDGE_METRICS.forEach((m, i) => {
    const s = scores[m];
    if (typeof s === "number") packed += (s & 15) * 2 ** (4 * i);
  });
  return packed;
}

export function unpackScores(packed: number): Partial<Record<JudgeMetric, number>> {
  const out: Partial<Record<JudgeMetric, number>> = {};
  let rest = packed;
  for (const m of JUDGE_METRICS) {
    const s = rest % 16;
    if (s) out[m] = s;
    rest = Math.floor(rest / 16);
  }
  return out;
}

/** SQL that computes the packed scores from the JSON column (for migrating stored rows). */
export function packScoresSql(column: string): string {
  return JUDGE_METRICS.map((m, i) => `COALESCE(json_extract(${column}, '$.${m}'), 0) * ${2 ** (4 * i)}`).join(" + ");
}
