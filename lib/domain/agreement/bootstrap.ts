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
 * Percentile intervals by resampling units with replacement (the units that count: `units`),
 * seeded so that the same data and seed always give the same intervals. Every statistic is computed
 * on the same resamples (drawing them is much of the work). An interval is null when its statistic
 * was defined on too few resamples to say anything.
 */
export function bootstrapIntervals<K extends string>(
  d: ReliabilityData,
  statistics: Record<K, StatisticFn>,
  opts: { resamples?: number; seed?: string | number; level?: number; units?: Int32Array } = {},
): Record<K, Interval | null> {
  const units = opts.units ?? pairableUnits(d);
  const resamples = opts.resamples ?? 1000;
  const rng = new Rng(opts.seed ?? "agreement");
  const weights = new Uint32Array(d.units.length);
  const names = Object.keys(statistics) as K[];
  const values = names.map(() => [] as number[]);
  for (let r = 0; r < resamples; r++) {
    weights.fill(0);
    for (let i = 0; i < units.length; i++) weights[units[Math.floor(rng.next() * units.length)]]++;
    names.forEach((name, i) => {
      const s = statistics[name](d, weights);
      if (s.value !== null) values[i].push(s.value);
    });
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
