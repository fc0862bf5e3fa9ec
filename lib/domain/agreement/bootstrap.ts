import { multinomial } from "../binomial";
import { Rng } from "../rng";
import type { ReliabilityData } from "./reliability-data";
import type { Statistic } from "./statistics";

export interface Interval {
  low: number;
  high: number;
  /** resamples on which the statistic was defined (a resample can, say, draw one label only) */
  resamples: number;
}

/** Units with two or more ratings: the ones every statistic here uses. */
export function pairableUnits(d: ReliabilityData): Int32Array {
  const out: number[] = [];
  for (let u = 0; u < d.units.length; u++) if (d.unitStart[u + 1] - d.unitStart[u] >= 2) out.push(u);
  return Int32Array.from(out);
}

type StatisticFn = (d: ReliabilityData, weights: Uint32Array) => Statistic;

/**
 * The units that count, grouped by what the statistics see of them: the unit's label counts, and
 * the labels given by `raters` (the annotators a statistic such as Cohen's kappa singles out). Each
 * group keeps one representative unit, so a resample is a count per group rather than per unit:
 * the same statistics, on a few dozen units instead of a million.
 */
export function groupUnits(d: ReliabilityData, units: Int32Array, raters: readonly number[]) {
  const k = d.categories.length;
  let most = 0;
  for (let i = 0; i < units.length; i++) most = Math.max(most, d.unitStart[units[i] + 1] - d.unitStart[units[i]]);
  // the key as one number (label counts in base most + 1, then the singled-out raters' labels in
  // base k + 1) when it fits in a double's integers; as text otherwise
  const numeric = Math.pow(most + 1, k) * Math.pow(k + 1, raters.length) < Number.MAX_SAFE_INTEGER;
  const groupOf = new Map<number | string, number>();
  const representatives: number[] = [];
  const group = new Int32Array(units.length);
  const key = new Int32Array(k + raters.length);
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    key.fill(0, 0, k).fill(-1, k);
    for (let r = d.unitStart[u]; r < d.unitStart[u + 1]; r++) {
      key[d.label[r]]++;
      const singled = raters.indexOf(d.rater[r]);
      if (singled >= 0) key[k + singled] = d.label[r];
    }
    let name: number | string = 0;
    if (numeric) for (let j = key.length - 1; j >= 0; j--) name = (name as number) * (j < k ? most + 1 : k + 1) + (j < k ? key[j] : key[j] + 1);
    else name = key.join(",");
    let g = groupOf.get(name);
    if (g === undefined) {
      groupOf.set(name, (g = representatives.length));
      representatives.push(u);
    }
    group[i] = g;
  }
  const unitStart = new Int32Array(representatives.length + 1);
  const rater: number[] = [];
  const label: number[] = [];
  representatives.forEach((u, g) => {
    for (let r = d.unitStart[u]; r < d.unitStart[u + 1]; r++) {
      rater.push(d.rater[r]);
      label.push(d.label[r]);
    }
    unitStart[g + 1] = rater.length;
  });
  const grouped: ReliabilityData = {
    ...d,
    units: representatives.map((u) => d.units[u]),
    unitStart,
    rater: Int32Array.from(rater),
    label: Int32Array.from(label),
  };
  return { grouped, group };
}

/**
 * Percentile intervals by resampling units with replacement (the units that count: `units`),
 * seeded so that the same data and seed always give the same intervals. Every statistic is computed
 * on the same resamples. A statistic that singles out annotators (Cohen's kappa of a pair) must
 * name them in `raters`; the others see only each unit's label counts. An interval is null when
 * its statistic was defined on too few resamples to say anything.
 */
export function bootstrapIntervals<K extends string>(
  d: ReliabilityData,
  statistics: Record<K, StatisticFn>,
  opts: { resamples?: number; seed?: string | number; level?: number; units?: Int32Array; raters?: readonly number[]; onProgress?: (done: number, total: number) => void } = {},
): Record<K, Interval | null> {
  const units = opts.units ?? pairableUnits(d);
  const resamples = opts.resamples ?? 1000;
  const rng = new Rng(opts.seed ?? "agreement");
  const { grouped, group } = groupUnits(d, units, opts.raters ?? []);
  const sizes = new Uint32Array(grouped.units.length);
  for (const g of group) sizes[g]++;
  const weights = new Uint32Array(grouped.units.length);
  const names = Object.keys(statistics) as K[];
  const values = names.map(() => [] as number[]);
  for (let r = 0; r < resamples; r++) {
    // drawing units.length units with replacement, counted per group: one multinomial draw
    weights.fill(0);
    multinomial(rng, units.length, sizes, weights);
    names.forEach((name, i) => {
      const s = statistics[name](grouped, weights);
      if (s.value !== null) values[i].push(s.value);
    });
    if (opts.onProgress && (r % 50 === 49 || r === resamples - 1)) opts.onProgress(r + 1, resamples);
  }
  const tail = (1 - (opts.level ?? 0.95)) / 2;
  return Object.fromEntries(
    names.map((name, i) => {
      const v = values[i];
      if (v.length < Math.max(2, resamples / 2)) return [name, null];
      v.sort((a, b) => a - b);
      const at = (p: number) => v[Math.min(v.length - 1, Math.max(0, Math.round(p * (v.length - 1))))];
      return [name, { low: at(tail), high: at(1 - tail), resamples: v.length }];
    }),
  ) as Record<K, Interval | null>;
}

/** The interval of one statistic (see bootstrapIntervals). */
export function bootstrapInterval(d: ReliabilityData, statistic: StatisticFn, opts: Parameters<typeof bootstrapIntervals>[2] = {}): Interval | null {
  return bootstrapIntervals(d, { statistic }, opts).statistic;
}
