import { describe, expect, it } from "vitest";
import { humanQueueRank, QUEUE_RANK, uncertaintyDistance } from "./queue-rank";
import { defaultRuleSet, triageRoute, type RuleSet } from "./rule-set";

// persona passes at hallucination 8, coverage 7, conciseness 8, relevance 8, overall 8
const atPass = { hallucination: 8, coverage: 7, conciseness: 8, relevance: 8, overall: 8 };
const calibrated: RuleSet = { ...defaultRuleSet(), reject: { persona: { hallucination: 5 } } };

describe("queue rank", () => {
  it("puts the middle of the band between auto-reject and auto-accept first, symmetrically", () => {
    // hallucination 8 passes, under 5 rejects: 6 is two points from either side
    const at = (hallucination: number) => uncertaintyDistance(calibrated, { kind: "persona", scores: { ...atPass, hallucination } });
    expect([5, 6, 7].map(at)).toEqual([2, 0, 2]);
    // every point under a pass minimum counts: coverage one short adds one point to the way to accept
    expect(uncertaintyDistance(calibrated, { kind: "persona", scores: { ...atPass, hallucination: 6, coverage: 6 } })).toBe(1);
    // the nearest reject threshold counts: with two, the lower margin decides
    const two: RuleSet = { ...calibrated, reject: { persona: { hallucination: 5, overall: 6 } } };
    const overall7 = { kind: "persona" as const, scores: { ...atPass, overall: 7 } }; // 1 point to accept
    expect(uncertaintyDistance(calibrated, overall7)).toBe(3); // 4 points of hallucination to reject
    expect(uncertaintyDistance(two, overall7)).toBe(1); // 2 points of overall to reject
  });

  it("only ranks what triage leaves to people, and ranks every such artifact", () => {
    for (let h = 1; h <= 10; h++) {
      const a = { kind: "persona" as const, scores: { ...atPass, hallucination: h } };
      const route = triageRoute(calibrated, a);
      expect(route).toBe(h < 5 ? "auto_reject" : h >= 8 ? "auto_accept" : "human");
      if (route === "human") expect(humanQueueRank(calibrated, a)).toBeGreaterThanOrEqual(QUEUE_RANK.human);
    }
  });

  it("without reject thresholds, measures the distance to the pass line on either side", () => {
    const plain = defaultRuleSet();
    const at = (hallucination: number) => uncertaintyDistance(plain, { kind: "persona", scores: { ...atPass, hallucination } });
    expect([5, 6, 7, 8, 9, 10].map(at)).toEqual([2, 1, 0, 0, 0, 0]); // above 8 another metric still sits on its minimum
    expect(uncertaintyDistance(plain, { kind: "persona", scores: { ...atPass, hallucination: 10, coverage: 9, conciseness: 10, relevance: 10, overall: 10 } })).toBe(2); // every metric 3 points over
  });

  it("ranks what the judge did not score, or a kind it does not judge, as the least certain", () => {
    expect(uncertaintyDistance(calibrated, { kind: "persona", scores: null })).toBe(0);
    expect(uncertaintyDistance(calibrated, { kind: "summary", scores: { overall: 3 } })).toBe(0);
  });

  it("ranks an artifact with a score off the 1-10 scale as the least certain (as packed scores give it, NaN, or as given)", () => {
    for (const given of [Number.NaN, 0, 11]) {
      const a = { kind: "persona" as const, scores: { ...atPass, hallucination: given } };
      expect(triageRoute(calibrated, a)).toBe("human");
      expect(uncertaintyDistance(calibrated, a)).toBe(0);
      expect(humanQueueRank(calibrated, a)).toBe(QUEUE_RANK.human);
    }
  });

  it("keeps people's ranks between the untriaged and the audits", () => {
    const far = { kind: "profile" as const, scores: { hallucination: 1 } }; // every profile metric far under
    expect(humanQueueRank(defaultRuleSet(), far)).toBeLessThan(QUEUE_RANK.audit);
    expect(humanQueueRank(defaultRuleSet(), far)).toBeGreaterThan(QUEUE_RANK.untriaged);
  });
});
