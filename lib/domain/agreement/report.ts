import { bootstrapIntervals } from "./bootstrap";
import type { ReliabilityData } from "./reliability-data";
import { cohenKappa, fleissKappa, krippendorffAlpha, percentAgreement, type Statistic } from "./statistics";

/** A statistic with its bootstrap interval and the counts it used; null low/high when no interval could be drawn. */
export interface Estimate {
  value: number;
  low: number | null;
  high: number | null;
  /** items (units) and ratings the statistic used */
  items: number;
  ratings: number;
}

export interface AgreementReport {
  ratings: number;
  items: number;
  annotators: number;
  categories: string[];
  percentAgreement: Estimate | null;
  /** null unless every item has the same number of ratings */
  fleissKappa: Estimate | null;
  krippendorffAlpha: Estimate | null;
  /** null unless there are exactly two annotators */
  cohenKappa: (Estimate & { annotators: [string, string] }) | null;
  /** why each null statistic is not defined */
  notDefined: Partial<Record<StatisticName, string>>;
  interval: { level: number; resamples: number; seed: string | number };
}

export type StatisticName = "percentAgreement" | "fleissKappa" | "krippendorffAlpha" | "cohenKappa";

export interface ReportOptions {
  resamples?: number;
  seed?: string | number;
  level?: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * All four statistics of one set of reliability data with bootstrap intervals on shared resamples:
 * what `cli agreement` prints and each slice of the admin dashboard shows.
 */
export function agreementReport(d: ReliabilityData, opts: ReportOptions = {}): AgreementReport {
  const resamples = opts.resamples ?? 1000;
  const seed = opts.seed ?? "agreement";
  const level = opts.level ?? 0.95;
  const pair = d.annotators.length === 2 ? ([0, 1] as const) : null;
  const fns = {
    percentAgreement,
    fleissKappa,
    krippendorffAlpha,
    ...(pair ? { cohenKappa: (x: ReliabilityData, w?: Uint32Array) => cohenKappa(x, ...pair, w) } : {}),
  } as Record<StatisticName, (x: ReliabilityData, w?: Uint32Array) => Statistic>;
  const names = Object.keys(fns) as StatisticName[];
  const points = Object.fromEntries(names.map((name) => [name, fns[name](d)])) as Record<StatisticName, Statistic>;
  const wanted = Object.fromEntries(names.filter((name) => points[name].value !== null).map((name) => [name, fns[name]]));
  const intervals = resamples > 0 && Object.keys(wanted).length ? bootstrapIntervals(d, wanted, { resamples, seed, level, raters: pair ?? [], onProgress: opts.onProgress }) : {};

  const notDefined: AgreementReport["notDefined"] = {};
  const estimate = (name: StatisticName): Estimate | null => {
    const s = points[name];
    if (!s) return null;
    if (s.value === null) {
      notDefined[name] = s.reason;
      return null;
    }
    const i = (intervals as Record<string, { low: number; high: number } | null>)[name];
    return { value: s.value, low: i?.low ?? null, high: i?.high ?? null, items: s.units, ratings: s.ratings };
  };
  const cohen = estimate("cohenKappa");
  if (!pair) notDefined.cohenKappa = `Cohen's kappa compares two annotators; there are ${d.annotators.length}`;
  return {
    ratings: d.rater.length,
    items: d.units.length,
    annotators: d.annotators.length,
    categories: d.categories,
    percentAgreement: estimate("percentAgreement"),
    fleissKappa: estimate("fleissKappa"),
    krippendorffAlpha: estimate("krippendorffAlpha"),
    cohenKappa: cohen && pair ? { ...cohen, annotators: [d.annotators[0], d.annotators[1]] } : null,
    notDefined,
    interval: { level, resamples, seed },
  };
}
