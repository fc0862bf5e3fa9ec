import { describe, expect, it } from "vitest";
import type { JudgeMetric } from "../kinds";
import { Rng } from "../rng";
import { propose, sweep, type Labeled } from "./proposal";

const many = (n: number, score: number, accepted: boolean, metric: JudgeMetric = "overall"): Labeled[] => Array.from({ length: n }, () => ({ scores: { [metric]: score }, accepted }));

// one metric; by hand: at >= 9 precision 35/36, at >= 8 45/51; rejecting below 6 catches 20 of 36 rejects with no accept
const table: Labeled[] = [
  ...many(20, 10, true),
  ...many(15, 9, true),
  ...many(1, 9, false),
  ...many(10, 8, true),
  ...many(5, 8, false),
  ...many(2, 7, true),
  ...many(10, 7, false),
  ...many(20, 5, false),
];

describe("sweep", () => {
  it("gives precision and recall of auto-accept at every threshold; recall never grows with the threshold", () => {
    const points = sweep(table, "overall");
    expect(points).toHaveLength(10);
    expect(points[8]).toEqual({ threshold: 9, precision: 35 / 36, recall: 35 / 47 });
    expect(points[7]).toEqual({ threshold: 8, precision: 45 / 51, recall: 45 / 47 });
    expect(points[0]).toEqual({ threshold: 1, precision: 47 / 83, recall: 1 });
    for (let i = 1; i < points.length; i++) expect(points[i].recall).toBeLessThanOrEqual(points[i - 1].recall);
  });
});

describe("propose", () => {
  it("says so when there are too few labels", () => {
    expect(propose(table.slice(0, 29), ["overall"], { overall: 9 })).toMatchObject({ status: "too_few", labels: 29, needed: 30 });
  });

  it("finds the thresholds a hand count gives, for both decisions and targets", () => {
    const p = propose(table, ["overall"], { overall: 10 });
    if (p.status !== "proposed") throw new Error("proposed");
    expect(p.accept.thresholds).toEqual({ overall: 9 });
    expect(p.accept.at).toEqual({ precision: 35 / 36, recall: 35 / 47, decided: 36 });
    // below 6 and below 7 reject the same artifacts (nobody scored 6): the milder one is kept
    expect(p.reject.thresholds).toEqual({ overall: 6 });
    expect(p.reject.at).toEqual({ precision: 1, recall: 20 / 36, decided: 20 });
    const loose = propose(table, ["overall"], { overall: 10 }, 0.85);
    if (loose.status !== "proposed") throw new Error("proposed");
    expect(loose.accept.thresholds).toEqual({ overall: 8 });
    expect(loose.reject.thresholds).toEqual({ overall: 8 }); // 30 of 32 below 8 are rejects: 0.94
  });

  it("decides nothing when no thresholds reach the target", () => {
    const coin = [...many(20, 9, true), ...many(20, 9, false)];
    const p = propose(coin, ["overall"], { overall: 9 });
    if (p.status !== "proposed") throw new Error("proposed");
    expect(p.accept).toMatchObject({ reachable: false, at: { decided: 0 } });
    expect(p.reject).toMatchObject({ reachable: false, at: { decided: 0 } });
  });

  it("matches an exhaustive search over two metrics on random tables, and always keeps the target", () => {
    const metrics: JudgeMetric[] = ["hallucination", "overall"];
    for (const seed of ["a", "b", "c", "d", "e", "f"]) {
      const rng = new Rng(seed);
      const items: Labeled[] = Array.from({ length: 400 }, () => {
        const h = rng.int(3, 10);
        const o = rng.int(3, 10);
        return { scores: { hallucination: h, overall: o }, accepted: rng.next() < (h + o - 6) / 14 };
      });
      const target = 0.9;
      const p = propose(items, metrics, { hallucination: 8, overall: 9 }, target);
      if (p.status !== "proposed") throw new Error("proposed");
      let best = 0;
      const acceptedTotal = items.filter((i) => i.accepted).length;
      for (let a = 1; a <= 11; a++) {
        for (let b = 1; b <= 11; b++) {
          const inside = items.filter((i) => i.scores.hallucination! >= a && i.scores.overall! >= b);
          const tp = inside.filter((i) => i.accepted).length;
          if (inside.length && tp / inside.length >= target) best = Math.max(best, tp / acceptedTotal);
        }
      }
      expect(p.accept.at.recall, seed).toBeCloseTo(best, 10);
      if (p.accept.reachable) expect(p.accept.at.precision!).toBeGreaterThanOrEqual(target);
      if (p.reject.reachable) expect(p.reject.at.precision!).toBeGreaterThanOrEqual(target);
      // no artifact can be both: each reject threshold is at most its accept threshold
      for (const m of metrics) expect(p.reject.thresholds[m] ?? 1).toBeLessThanOrEqual(p.accept.thresholds[m]!);
    }
  });
});
