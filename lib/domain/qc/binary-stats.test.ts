import { describe, expect, it } from "vitest";
import { Rng } from "../rng";
import { binomial, confusionOf, f1WithInterval, histogram, passFailScores, rocAuc, wilson } from "./binary-stats";

describe("wilson", () => {
  it("matches the published interval for 8 of 10 and stays inside [0, 1]", () => {
    const w = wilson(8, 10);
    expect(w.value).toBe(0.8);
    if (w.value === null) throw new Error("defined");
    expect(w.low).toBeCloseTo(0.4902, 4);
    expect(w.high).toBeCloseTo(0.9433, 4);
    const all = wilson(10, 10);
    if (all.value === null) throw new Error("defined");
    expect(all.high).toBeCloseTo(1, 12);
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(wilson(0, 0)).toEqual({ value: null, reason: "the proportion is not defined: no cases", n: 0 });
  });
});

describe("pass and fail scores", () => {
  // 40 pass+accept, 10 pass+reject, 5 fail+accept, 45 fail+reject
  const pairs = [
    ...Array(40).fill({ predicted: true, actual: true }),
    ...Array(10).fill({ predicted: true, actual: false }),
    ...Array(5).fill({ predicted: false, actual: true }),
    ...Array(45).fill({ predicted: false, actual: false }),
  ];
  const c = confusionOf(pairs);

  it("count the confusion matrix and score both classes", () => {
    expect(c).toEqual({ tp: 40, fp: 10, fn: 5, tn: 45 });
    const { pass, fail } = passFailScores(c);
    expect(pass.precision.value).toBe(0.8); // 40 / 50
    expect(pass.recall.value).toBeCloseTo(40 / 45);
    expect(pass.f1.value).toBeCloseTo(80 / 95); // 2*40 / (80 + 10 + 5)
    expect(fail.precision.value).toBe(0.9); // 45 / 50
    expect(fail.recall.value).toBeCloseTo(45 / 55);
    expect(fail.f1.value).toBeCloseTo(90 / 105);
  });

  it("bootstrap F1 with a seed: the same interval every time, around the value", () => {
    const a = f1WithInterval(c, "seed");
    const b = f1WithInterval(c, "seed");
    expect(a).toEqual(b);
    if (a.value === null) throw new Error("defined");
    expect(a.low).toBeLessThan(a.value);
    expect(a.high).toBeGreaterThan(a.value);
    expect(a.high - a.low).toBeGreaterThan(0.05);
    expect(a.high - a.low).toBeLessThan(0.25);
    // a hundred times the labels, the same shares: a much narrower interval
    const big = f1WithInterval({ tp: 4000, fp: 1000, fn: 500, tn: 4500 }, "seed");
    if (big.value === null) throw new Error("defined");
    expect(big.high - big.low).toBeLessThan((a.high - a.low) / 5);
    expect(f1WithInterval({ tp: 0, fp: 0, fn: 0, tn: 7 }).value).toBeNull();
  });
});

describe("binomial draws", () => {
  it("have the right mean and spread in both regimes", () => {
    const rng = new Rng("b");
    for (const [n, p] of [
      [20, 0.3],
      [100000, 0.4],
      [5000, 0.999],
    ] as const) {
      const draws = Array.from({ length: 4000 }, () => binomial(rng, n, p));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
      expect(Math.abs(mean - n * p)).toBeLessThan(4 * Math.sqrt((n * p * (1 - p)) / draws.length) + 0.01);
      expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.85);
      expect(variance / (n * p * (1 - p))).toBeLessThan(1.15);
      expect(draws.every((d) => d >= 0 && d <= n)).toBe(true);
    }
  });
});

describe("ROC AUC", () => {
  it("counts ties as half, as a hand count of the pairs gives", () => {
    // accepted 3, 4, 5 against rejected 1, 2, 3: 8.5 of 9 pairs
    const auc = rocAuc(histogram([3, 4, 5]), histogram([1, 2, 3]));
    expect(auc.value).toBeCloseTo(8.5 / 9);
    expect(rocAuc(histogram([7, 7]), histogram([7, 7])).value).toBe(0.5);
    expect(rocAuc(histogram([1]), histogram([9])).value).toBe(0);
    expect(rocAuc(histogram([5]), histogram([])).value).toBeNull();
  });

  it("gives Hanley and McNeil's standard error", () => {
    // AUC 0.8 with 50 accepted and 50 rejected: by hand, Q1 = 2/3, Q2 = 0.7111, SE = 0.0445
    const accepted = histogram([...Array(40).fill(8), ...Array(10).fill(3)]);
    const rejected = histogram([...Array(40).fill(3), ...Array(10).fill(8)]);
    const auc = rocAuc(accepted, rejected);
    if (auc.value === null) throw new Error("defined");
    expect(auc.value).toBeCloseTo(0.8, 12);
    expect((auc.high - auc.low) / 2).toBeCloseTo(1.96 * 0.0445, 3);
  });
});
