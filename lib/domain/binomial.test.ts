import { describe, expect, it } from "vitest";
import { binomial, logFactorial, multinomial } from "./binomial";
import { Rng } from "./rng";

// the exact probability of k successes, from log-factorials summed term by term
const pmf = (n: number, p: number, k: number) => {
  let lf = 0;
  for (let i = 2; i <= n; i++) lf += Math.log(i);
  let lk = 0;
  for (let i = 2; i <= k; i++) lk += Math.log(i);
  let lnk = 0;
  for (let i = 2; i <= n - k; i++) lnk += Math.log(i);
  return Math.exp(lf - lk - lnk + k * Math.log(p) + (n - k) * Math.log(1 - p));
};

/** Pearson's chi-square of the draws against the binomial, over bins expected to hold 20 or more. */
function chiSquare(draws: number[], n: number, p: number): { chi2: number; df: number } {
  const seen = new Map<number, number>();
  for (const x of draws) seen.set(x, (seen.get(x) ?? 0) + 1);
  const mean = n * p;
  const sd = Math.sqrt(n * p * (1 - p));
  let chi2 = 0;
  let df = -1;
  let restExpected = draws.length;
  let restSeen = draws.length;
  for (let k = Math.max(0, Math.floor(mean - 6 * sd)); k <= Math.min(n, Math.ceil(mean + 6 * sd)); k++) {
    const expected = draws.length * pmf(n, p, k);
    if (expected < 20) continue;
    const o = seen.get(k) ?? 0;
    chi2 += (o - expected) ** 2 / expected;
    restExpected -= expected;
    restSeen -= o;
    df++;
  }
  if (restExpected >= 20) {
    chi2 += (restSeen - restExpected) ** 2 / restExpected;
    df++;
  }
  return { chi2, df };
}

// the chi-square quantile at 1 - 1e-4 (Wilson-Hilferty): a seeded test, so this is a bound on a bug, not on luck
const critical = (df: number) => df * (1 - 2 / (9 * df) + 3.719 * Math.sqrt(2 / (9 * df))) ** 3;

describe("binomial", () => {
  it("computes log-factorials exactly where summed and by Stirling's series beyond", () => {
    let sum = 0;
    for (let k = 1; k <= 5000; k++) {
      sum += Math.log(k);
      if (k === 10 || k === 255 || k === 256 || k === 1000 || k === 5000) expect(logFactorial(k)).toBeCloseTo(sum, 8);
    }
    expect(logFactorial(0)).toBe(0);
  });

  it.each([
    [20, 0.3],
    [40, 0.05],
    [1000, 0.4],
    [100_000, 0.013],
    [60, 0.85],
  ])("draws Binomial(%i, %f) with its mean, variance and probabilities", (n, p) => {
    const rng = new Rng(`binomial-${n}-${p}`);
    const draws = Array.from({ length: 100_000 }, () => binomial(rng, n, p));
    expect(draws.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / (draws.length - 1);
    const sd = Math.sqrt(n * p * (1 - p));
    expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(draws.length));
    expect(variance / (sd * sd)).toBeGreaterThan(0.97);
    expect(variance / (sd * sd)).toBeLessThan(1.03);
    const { chi2, df } = chiSquare(draws, n, p);
    expect(df).toBeGreaterThan(3);
    expect(chi2).toBeLessThan(critical(df));
  });

  it("handles the edges: no trials, certain and impossible successes", () => {
    const rng = new Rng(1);
    expect(binomial(rng, 0, 0.5)).toBe(0);
    expect(binomial(rng, 10, 0)).toBe(0);
    expect(binomial(rng, 10, 1)).toBe(10);
  });
});

describe("multinomial", () => {
  it("counts n draws over categories in proportion to their sizes, adding to what is there", () => {
    const rng = new Rng("multinomial");
    const sizes = [5, 0, 300_000, 12, 144_000];
    const total = sizes.reduce((s, x) => s + x, 0);
    const sums = new Float64Array(sizes.length);
    const runs = 2000;
    for (let r = 0; r < runs; r++) {
      const counts = new Uint32Array(sizes.length);
      multinomial(rng, total, sizes, counts);
      expect(counts.reduce((s, x) => s + x, 0)).toBe(total);
      expect(counts[1]).toBe(0);
      counts.forEach((x, g) => (sums[g] += x));
    }
    sizes.forEach((size, g) => {
      const p = size / total;
      const se = Math.sqrt((total * p * (1 - p)) / runs);
      expect(Math.abs(sums[g] / runs - size)).toBeLessThanOrEqual(5 * se + 1e-9);
    });
    const counts = new Uint32Array([1, 1]);
    multinomial(rng, 10, [1, 1], counts);
    expect(counts[0] + counts[1]).toBe(12);
  });
});
