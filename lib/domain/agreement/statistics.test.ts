import { describe, expect, it } from "vitest";
import { Rng } from "../rng";
import { bootstrapInterval, bootstrapIntervals, groupUnits, pairableUnits } from "./bootstrap";
import { DuplicateRatingError, ReliabilityBuilder, reliabilityData, type Rating, type ReliabilityData } from "./reliability-data";
import { labelPairCounts, pairwiseKappas } from "./pairwise";
import { cohenKappa, fleissKappa, krippendorffAlpha, percentAgreement } from "./statistics";

/** Ratings from a units × annotators table; null is a missing rating. */
function table(rows: (string | number | null)[][]): Rating[] {
  return rows.flatMap((row, u) => row.flatMap((label, a) => (label === null ? [] : [{ item: `u${u}`, annotator: `r${a}`, label: String(label) }])));
}

/** Ratings from per-unit counts per category (Fleiss' layout): raters are anonymous. */
function counts(rows: number[][]): Rating[] {
  return rows.flatMap((row, u) => row.flatMap((n, c) => Array.from({ length: n }, () => ({ item: `u${u}`, annotator: "", label: String(c + 1) }))).map((r, i) => ({ ...r, annotator: `r${i}` })));
}

describe("agreement statistics", () => {
  it("Fleiss' kappa: the worked example of 10 subjects, 14 raters, 5 categories (kappa 0.210)", () => {
    const d = reliabilityData(
      counts([
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
      ]),
    );
    const k = fleissKappa(d);
    expect(k.value).toBeCloseTo(0.20993, 4);
    expect(k).toMatchObject({ units: 10, ratings: 140 });
    expect(percentAgreement(d).value).toBeCloseTo(0.37802, 4); // P-bar of the example
  });

  it("Krippendorff's alpha: his reliability-data example, 4 observers, 12 units with missing values (nominal alpha 0.743)", () => {
    const _ = null;
    const byObserver = [
      [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
      [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
      [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
      [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
    ];
    const units = byObserver[0].map((_, u) => byObserver.map((row) => row[u]));
    const a = krippendorffAlpha(reliabilityData(table(units)));
    expect(a.value).toBeCloseTo(0.743, 3);
    expect(a).toMatchObject({ units: 11, ratings: 40 }); // unit 12 has one value: not pairable
    expect(fleissKappa(reliabilityData(table(units))).value).toBeNull(); // units have 2, 3 or 4 values
  });

  it("Cohen's kappa: 50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15 (kappa 0.4)", () => {
    const rows = [...Array(20).fill(["yes", "yes"]), ...Array(5).fill(["yes", "no"]), ...Array(10).fill(["no", "yes"]), ...Array(15).fill(["no", "no"])];
    const d = reliabilityData(table(rows));
    const k = cohenKappa(d, d.annotators.indexOf("r0"), d.annotators.indexOf("r1"));
    expect(k.value).toBeCloseTo(0.4, 10);
    expect(k).toMatchObject({ units: 50, ratings: 100 });
    expect(percentAgreement(d).value).toBeCloseTo(0.7, 10);
    // with two annotators on every item, Fleiss and Krippendorff are close to Cohen (and alpha corrects for sample size)
    expect(fleissKappa(d).value).toBeCloseTo(0.3939, 3);
    expect(krippendorffAlpha(d).value).toBeCloseTo(0.3999, 3);
  });

  it("hand-computed small cases: pairs per unit averaged, single ratings ignored", () => {
    const d = reliabilityData(
      table([
        ["a", "a", null],
        ["a", "b", null],
        ["a", "a", "b"],
        ["b", null, null],
      ]),
    );
    expect(percentAgreement(d)).toEqual({ value: (1 + 0 + 1 / 3) / 3, units: 3, ratings: 7 });
    // alpha: coincidences a-a 2+0+1, a-b 0+1+1 (each way), b-b 0; n_a = 5, n_b = 2, n = 7
    // D_o ∝ 2 * (1 + 1) = 4; D_e ∝ 2 * 5 * 2 = 20; alpha = 1 - (n - 1) * 4 / 20 = -0.2
    expect(krippendorffAlpha(d).value).toBeCloseTo(-0.2, 10);
    // Fleiss' kappa describes items rated equally often; a single rating is not left out for it
    expect(
      fleissKappa(
        reliabilityData(
          table([
            ["a", "a"],
            ["a", "b"],
            ["b", null],
          ]),
        ),
      ),
    ).toMatchObject({ value: null, reason: expect.stringMatching(/different numbers/) });
    expect(
      fleissKappa(
        reliabilityData(
          table([
            ["a", "a"],
            ["a", "b"],
          ]),
        ),
      ).value,
    ).toBeCloseTo(-1 / 3, 10);
    const withoutLoner = reliabilityData(
      table([
        ["a", "a", null],
        ["a", "b", null],
        ["a", "a", "b"],
      ]),
    );
    expect(krippendorffAlpha(withoutLoner).value).toBeCloseTo(-0.2, 10);
  });

  it("says why a statistic is not defined instead of giving NaN", () => {
    const same = reliabilityData(
      table([
        ["x", "x"],
        ["x", "x"],
      ]),
    );
    for (const s of [fleissKappa(same), krippendorffAlpha(same)]) expect(s).toMatchObject({ value: null, reason: expect.stringMatching(/same label/) });
    expect(percentAgreement(same).value).toBe(1);
    const apart = reliabilityData([
      { item: "1", annotator: "ann", label: "x" },
      { item: "2", annotator: "bob", label: "y" },
    ]);
    expect(cohenKappa(apart, 0, 1)).toMatchObject({ value: null, reason: "ann and bob rated no item in common" });
    expect(percentAgreement(apart)).toMatchObject({ value: null, reason: "no item has two ratings" });
    expect(krippendorffAlpha(apart).value).toBeNull();
    expect(() =>
      reliabilityData([
        { item: "1", annotator: "ann", label: "x" },
        { item: "1", annotator: "ann", label: "y" },
      ]),
    ).toThrow(DuplicateRatingError);
  });

  it("does not depend on the order of ratings or of first appearance of labels", () => {
    const ratings = table([
      ["a", "b", "a"],
      ["c", "c", "c"],
      ["b", "b", "a"],
      ["a", "c", null],
    ]);
    const forward = reliabilityData(ratings);
    const backward = reliabilityData([...ratings].reverse());
    for (const f of [percentAgreement, fleissKappa, krippendorffAlpha]) expect(f(backward)).toEqual(f(forward));
  });

  it("bootstraps an interval over units that repeats with its seed and holds the estimate", () => {
    const rows = Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? ["a", "b"] : i % 2 ? ["a", "a"] : ["b", "b"]));
    const d = reliabilityData(table(rows));
    const estimate = krippendorffAlpha(d).value!;
    const first = bootstrapInterval(d, krippendorffAlpha, { resamples: 300, seed: 7 })!;
    expect(bootstrapInterval(d, krippendorffAlpha, { resamples: 300, seed: 7 })).toEqual(first);
    expect(bootstrapInterval(d, krippendorffAlpha, { resamples: 300, seed: 8 })).not.toEqual(first);
    expect(first.low).toBeLessThan(estimate);
    expect(first.high).toBeGreaterThan(estimate);
    expect(first.resamples).toBe(300);
    // a statistic defined on no resample has no interval
    expect(bootstrapInterval(reliabilityData(table([["x", "x"]])), krippendorffAlpha, { resamples: 50 })).toBeNull();
  });

  it("gives every statistic the same value on groups of alike units as on the units themselves, whatever the resample", () => {
    const rng = new Rng(3);
    const labels = ["a", "b", "c"];
    const rows = Array.from({ length: 300 }, () => [0, 1, 2, 3].map(() => (rng.chance(0.3) ? null : rng.pick(labels))));
    const d = reliabilityData(table(rows));
    const [r0, r1] = [d.annotators.indexOf("r0"), d.annotators.indexOf("r1")];
    const cohen = (x: ReliabilityData, w?: Uint32Array) => cohenKappa(x, r0, r1, w);
    const units = pairableUnits(d);
    const { grouped, group } = groupUnits(d, units, [r0, r1]);
    expect(grouped.units.length).toBeLessThan(units.length / 2);
    for (let r = 0; r < 20; r++) {
      // a resample of the units (how often each was drawn), and the same resample counted per group
      const unitWeights = new Uint32Array(d.units.length);
      for (let i = 0; i < units.length; i++) unitWeights[units[rng.int(0, units.length - 1)]]++;
      const groupWeights = new Uint32Array(grouped.units.length);
      units.forEach((u, i) => (groupWeights[group[i]] += unitWeights[u]));
      for (const f of [cohen, krippendorffAlpha, fleissKappa, percentAgreement]) {
        const plain = f(d, unitWeights).value;
        const alike = f(grouped, groupWeights).value;
        if (plain === null) expect(alike).toBeNull();
        else expect(alike).toBeCloseTo(plain, 12);
      }
    }
  });

  it("bootstraps with one multinomial draw per resample the intervals a unit-by-unit resample gives", () => {
    const rng = new Rng(5);
    const rows = Array.from({ length: 400 }, () => [0, 1, 2].map(() => (rng.chance(0.2) ? null : rng.pick(["a", "b"]))));
    const d = reliabilityData(table(rows));
    const units = pairableUnits(d);
    const resamples = 2000;
    const values: number[] = [];
    for (let r = 0; r < resamples; r++) {
      const w = new Uint32Array(d.units.length);
      for (let i = 0; i < units.length; i++) w[units[rng.int(0, units.length - 1)]]++;
      const v = krippendorffAlpha(d, w).value;
      if (v !== null) values.push(v);
    }
    values.sort((x, y) => x - y);
    const interval = bootstrapInterval(d, krippendorffAlpha, { resamples, seed: 9 })!;
    // the two bootstraps are independent draws of one distribution: their percentiles agree within Monte Carlo error
    expect(interval.low).toBeCloseTo(values[Math.round(0.025 * (values.length - 1))], 1);
    expect(interval.high).toBeCloseTo(values[Math.round(0.975 * (values.length - 1))], 1);
  });

  it("pairwise kappas in one pass equal Cohen's kappa pair by pair; label pairs count each pair of ratings once", () => {
    const rng = new Rng(11);
    const rows = Array.from({ length: 120 }, () => [0, 1, 2, 3].map(() => (rng.chance(0.4) ? null : rng.pick(["a", "b", "c"]))));
    const d = reliabilityData(table(rows));
    const pairs = pairwiseKappas(d);
    expect(pairs.length).toBe(6);
    for (const p of pairs) {
      const c = cohenKappa(d, p.first, p.second);
      expect(p.items).toBe(c.units);
      expect(p.kappa).toBeCloseTo(c.value!, 12);
    }
    const m = labelPairCounts(
      reliabilityData(
        table([
          ["a", "a", "b"],
          ["b", "c", null],
        ]),
      ),
    );
    // unit 1: a-a once, a-b twice; unit 2: b-c once
    expect(m).toEqual([
      [1, 2, 0],
      [2, 0, 1],
      [0, 1, 0],
    ]);
    const same = pairwiseKappas(
      reliabilityData(
        table([
          ["x", "x"],
          ["x", "x"],
        ]),
      ),
    );
    expect(same[0]).toMatchObject({ items: 2, agreement: 1, kappa: null, reason: expect.stringMatching(/same label/) });
  });

  it("builds the same reliability data unit by unit as from a list of ratings", () => {
    const ratings = table([
      ["a", "b", "a"],
      ["c", null, "c"],
      ["b", "b", null],
    ]);
    const builder = new ReliabilityBuilder();
    for (const unit of ["u0", "u1", "u2"])
      builder.unit(
        unit,
        ratings.filter((r) => r.item === unit),
      );
    const built = builder.build();
    const listed = reliabilityData(ratings);
    expect(built.categories).toEqual(listed.categories);
    for (const f of [percentAgreement, fleissKappa, krippendorffAlpha]) expect(f(built)).toEqual(f(listed));
    expect(() =>
      new ReliabilityBuilder().unit("u", [
        { annotator: "x", label: "a" },
        { annotator: "x", label: "b" },
      ]),
    ).toThrow(DuplicateRatingError);
  });
});
