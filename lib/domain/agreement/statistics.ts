import type { ReliabilityData } from "./reliability-data";

/**
 * Agreement statistics for nominal labels (DESIGN.md "Agreement statistics"). Each takes optional
 * per-unit weights (how many times a bootstrap drew the unit; all 1 when absent), so the point
 * estimate and every resample run the same code. A statistic that is not defined says why instead
 * of returning NaN.
 */
export type Statistic = { value: number; units: number; ratings: number } | { value: null; reason: string; units: number; ratings: number };

const defined = (value: number, units: number, ratings: number): Statistic => ({ value, units, ratings });
const undefinedBecause = (reason: string, units: number, ratings: number): Statistic => ({ value: null, reason, units, ratings });

/** Per unit: its ratings per category (units × categories, row-major). */
function countsOf(d: ReliabilityData): Int32Array {
  const k = d.categories.length;
  const counts = new Int32Array(d.units.length * k);
  for (let u = 0; u < d.units.length; u++) for (let i = d.unitStart[u]; i < d.unitStart[u + 1]; i++) counts[u * k + d.label[i]]++;
  return counts;
}

const cache = new WeakMap<ReliabilityData, Int32Array>();
function counts(d: ReliabilityData): Int32Array {
  let c = cache.get(d);
  if (!c) cache.set(d, (c = countsOf(d)));
  return c;
}

/**
 * Percent agreement: on each unit with two or more ratings, the share of pairs of its ratings that
 * agree, averaged over those units (with two ratings a unit, the share of units both agree on).
 */
export function percentAgreement(d: ReliabilityData, weights?: Uint32Array): Statistic {
  const k = d.categories.length;
  const c = counts(d);
  let sum = 0;
  let units = 0;
  let ratings = 0;
  for (let u = 0; u < d.units.length; u++) {
    const w = weights ? weights[u] : 1;
    const m = d.unitStart[u + 1] - d.unitStart[u];
    if (w === 0 || m < 2) continue;
    let agreeing = 0;
    for (let j = 0; j < k; j++) agreeing += c[u * k + j] * (c[u * k + j] - 1);
    sum += (w * agreeing) / (m * (m - 1));
    units += w;
    ratings += w * m;
  }
  return units === 0 ? undefinedBecause("no item has two ratings", 0, 0) : defined(sum / units, units, ratings);
}

/**
 * Fleiss' kappa (1971): defined only when every unit has the same number of ratings, two or more.
 * Unlike the others it does not leave out units with a single rating: a data set that has them is
 * not one Fleiss' kappa describes (keep only the pairable units first to ask about the rest).
 */
export function fleissKappa(d: ReliabilityData, weights?: Uint32Array): Statistic {
  const k = d.categories.length;
  const c = counts(d);
  let n = 0;
  let units = 0;
  let pSum = 0;
  const totals = new Float64Array(k);
  for (let u = 0; u < d.units.length; u++) {
    const w = weights ? weights[u] : 1;
    const m = d.unitStart[u + 1] - d.unitStart[u];
    if (w === 0) continue;
    if (n === 0) n = m;
    else if (m !== n) return undefinedBecause("items have different numbers of ratings (Fleiss' kappa needs the same number on every item)", 0, 0);
    if (m < 2) continue;
    let squares = 0;
    for (let j = 0; j < k; j++) {
      squares += c[u * k + j] * c[u * k + j];
      totals[j] += w * c[u * k + j];
    }
    pSum += (w * (squares - m)) / (m * (m - 1));
    units += w;
  }
  if (units === 0) return undefinedBecause("no item has two ratings", 0, 0);
  const ratings = units * n;
  let pe = 0;
  for (let j = 0; j < k; j++) pe += (totals[j] / ratings) ** 2;
  if (pe >= 1 - 1e-12) return undefinedBecause("every rating has the same label, so chance agreement is total", units, ratings);
  return defined((pSum / units - pe) / (1 - pe), units, ratings);
}

/**
 * Krippendorff's alpha for nominal data, missing ratings allowed: units with fewer than two ratings
 * are not pairable and are left out, as the method prescribes. alpha = 1 - D_o / D_e, from the
 * coincidence matrix.
 */
export function krippendorffAlpha(d: ReliabilityData, weights?: Uint32Array): Statistic {
  const k = d.categories.length;
  const c = counts(d);
  const totals = new Float64Array(k);
  let disagreeing = 0; // the off-diagonal of the coincidence matrix
  let units = 0;
  for (let u = 0; u < d.units.length; u++) {
    const w = weights ? weights[u] : 1;
    const m = d.unitStart[u + 1] - d.unitStart[u];
    if (w === 0 || m < 2) continue;
    let squares = 0;
    for (let j = 0; j < k; j++) {
      squares += c[u * k + j] * c[u * k + j];
      totals[j] += w * c[u * k + j];
    }
    disagreeing += (w * (m * m - squares)) / (m - 1);
    units += w;
  }
  let n = 0;
  let squares = 0;
  for (let j = 0; j < k; j++) {
    n += totals[j];
    squares += totals[j] * totals[j];
  }
  if (units === 0) return undefinedBecause("no item has two ratings", 0, 0);
  const expected = n * n - squares;
  if (expected === 0) return undefinedBecause("every rating has the same label, so no disagreement is expected", units, n);
  return defined(1 - ((n - 1) * disagreeing) / expected, units, n);
}

/**
 * Cohen's kappa of two annotators, on the units both rated. Weights count units as elsewhere.
 */
export function cohenKappa(d: ReliabilityData, first: number, second: number, weights?: Uint32Array): Statistic {
  const k = d.categories.length;
  const rows = new Float64Array(k);
  const cols = new Float64Array(k);
  let agree = 0;
  let units = 0;
  for (let u = 0; u < d.units.length; u++) {
    const w = weights ? weights[u] : 1;
    if (w === 0) continue;
    let a = -1;
    let b = -1;
    for (let i = d.unitStart[u]; i < d.unitStart[u + 1]; i++) {
      if (d.rater[i] === first) a = d.label[i];
      else if (d.rater[i] === second) b = d.label[i];
    }
    if (a < 0 || b < 0) continue;
    rows[a] += w;
    cols[b] += w;
    if (a === b) agree += w;
    units += w;
  }
  if (units === 0) return undefinedBecause(`${d.annotators[first]} and ${d.annotators[second]} rated no item in common`, 0, 0);
  let pe = 0;
  for (let j = 0; j < k; j++) pe += (rows[j] / units) * (cols[j] / units);
  if (pe >= 1 - 1e-12) return undefinedBecause("both gave one and the same label to everything, so chance agreement is total", units, 2 * units);
  return defined((agree / units - pe) / (1 - pe), units, 2 * units);
}
