import type { ReliabilityData } from "./reliability-data";

/** Cohen's kappa of one annotator pair, or why it is not there. */
export interface PairAgreement {
  first: number;
  second: number;
  /** items both rated */
  items: number;
  /** share of those items they gave the same label */
  agreement: number;
  kappa: number | null;
  reason?: string;
}

/**
 * Cohen's kappa of every annotator pair that shares at least one item, in one pass over the units
 * (a contingency table per pair) rather than one pass per pair: the heatmap's cells.
 */
export function pairwiseKappas(d: ReliabilityData): PairAgreement[] {
  const k = d.categories.length;
  const n = d.annotators.length;
  const tables = new Map<number, Float64Array>(); // key first * n + second, first < second
  for (let u = 0; u < d.units.length; u++) {
    for (let i = d.unitStart[u]; i < d.unitStart[u + 1]; i++) {
      for (let j = d.unitStart[u]; j < d.unitStart[u + 1]; j++) {
        if (d.rater[i] >= d.rater[j]) continue;
        const key = d.rater[i] * n + d.rater[j];
        let t = tables.get(key);
        if (!t) tables.set(key, (t = new Float64Array(k * k)));
        t[d.label[i] * k + d.label[j]]++;
      }
    }
  }
  const out: PairAgreement[] = [];
  for (const [key, t] of [...tables].sort((a, b) => a[0] - b[0])) {
    const first = Math.floor(key / n);
    const second = key % n;
    let items = 0;
    let agree = 0;
    let pe = 0;
    for (let a = 0; a < k; a++) agree += t[a * k + a];
    for (const x of t) items += x;
    for (let a = 0; a < k; a++) {
      let row = 0;
      let col = 0;
      for (let b = 0; b < k; b++) {
        row += t[a * k + b];
        col += t[b * k + a];
      }
      pe += (row / items) * (col / items);
    }
    const agreement = agree / items;
    if (pe >= 1 - 1e-12) out.push({ first, second, items, agreement, kappa: null, reason: "both gave one and the same label to everything, so chance agreement is total" });
    else out.push({ first, second, items, agreement, kappa: (agreement - pe) / (1 - pe) });
  }
  return out;
}

/**
 * How often each pair of labels meets on one item: every unordered pair of ratings of a unit
 * counted once, as a symmetric categories × categories matrix (the diagonal is agreement). Where
 * people disagree, this says between which labels.
 */
export function labelPairCounts(d: ReliabilityData): number[][] {
  const k = d.categories.length;
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let u = 0; u < d.units.length; u++) {
    for (let i = d.unitStart[u]; i < d.unitStart[u + 1]; i++) {
      for (let j = i + 1; j < d.unitStart[u + 1]; j++) {
        const a = d.label[i];
        const b = d.label[j];
        m[a][b]++;
        if (a !== b) m[b][a]++;
      }
    }
  }
  return m;
}
