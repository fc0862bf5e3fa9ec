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

/**
 * A percentile interval by resampling units with replacement (the units that count: `units`),
 * seeded so that the same data and seed always give the same interval. Null when the statistic was
 * defined on too few resamples to say anything.
 */
export function bootstrapInterval(
  d: ReliabilityData,
  statistic: (d: ReliabilityData, weights: Uint32Array) => Statistic,
  opts: { resamples?: number; seed?: string | number; level?: number; units?: Int32Array } = {},
): Interval | null {
  const units = opts.units ?? pairableUnits(d);
  const resamples = opts.resamples ?? 1000;
  const rng = new Rng(opts.seed ?? "agreement");
  const weights = new Uint32Array(d.units.length);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++) {
    weights.fill(0);
    for (let i = 0; i < units.length; i++) weights[units[Math.floor(rng.next() * units.length)]]++;
    const s = statistic(d, weights);
    if (s.value !== null) values.push(s.value);
  }
  if (values.length < Math.max(2, resamples / 2)) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - (opts.level ?? 0.95)) / 2;
  const at = (p: number) => values[Math.min(values.length - 1, Math.max(0, Math.round(p * (values.length - 1))))];
  return { low: at(tail), high: at(1 - tail), resamples: values.length };
}
