import { describe, expect, it } from "vitest";
import { packScores, unpackScores } from "./packed-scores";

describe("packed scores", () => {
  it("round-trip every metric, leave unscored ones out, and keep null for not judged", () => {
    const scores = { hallucination: 9, coverage: 1, conciseness: 10, relevance: 7, fluency: 8, informativeness: 2, novelty: 3, fidelity: 4, leakage: 5, overall: 10 };
    expect(unpackScores(packScores(scores)!)).toEqual(scores);
    expect(unpackScores(packScores({ overall: 8 })!)).toEqual({ overall: 8 });
    expect(packScores({ overall: 10 })).toBeLessThan(2 ** 40);
    expect(Number.isSafeInteger(packScores(scores))).toBe(true);
    expect(packScores(null)).toBeNull();
  });

  it("keep a score outside the rubric's 1-10 as out of range (all four bits set), which unpacks to NaN: never clamped, never unscored", () => {
    for (const given of [0, 11, 15, 16, -3, 1000]) {
      const packed = packScores({ leakage: given, overall: 9 })!;
      expect((packed / 2 ** (4 * 8)) % 16).toBe(15);
      expect(unpackScores(packed)).toEqual({ leakage: Number.NaN, overall: 9 });
    }
  });
});
