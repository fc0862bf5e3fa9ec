import { describe, expect, it } from "vitest";
import { HIGHLIGHT_FLAGS } from "../highlights";
import { defaultRuleSet, evaluate, isCalibrated, judgePasses, ruleSetSchema, triageRoute, type RuleSet } from "./rule-set";

const persona = { hallucination: 9, coverage: 7, conciseness: 8, relevance: 8, overall: 8 };

describe("rule sets", () => {
  it("default to the HumanLLM rubric and parse as the pipeline will read them", () => {
    const rules = defaultRuleSet();
    expect(rules.pass.persona).toEqual({ hallucination: 8, coverage: 7, conciseness: 8, relevance: 8, overall: 8 });
    expect(rules.pass["social_qa:why"]).toMatchObject({ novelty: 7, leakage: 7, overall: 8 });
    expect(rules.pass.summary).toEqual({});
    expect(ruleSetSchema.parse(JSON.parse(JSON.stringify(rules)))).toEqual(rules);
    expect(() => ruleSetSchema.parse({ ...rules, pass: { poem: {} } })).toThrow();
    expect(() => ruleSetSchema.parse({ ...rules, pass: { persona: { overall: 11 } } })).toThrow();
  });

  it("pass at the minimum, fail one under it or with a metric missing, and skip what is not judged", () => {
    const rules = defaultRuleSet();
    expect(evaluate(rules, { kind: "persona", scores: persona })).toEqual({ outcome: "pass", failed: [], flagged: [], outOfRange: [] });
    expect(evaluate(rules, { kind: "persona", scores: { ...persona, coverage: 6 } }).failed).toEqual([{ metric: "coverage", score: 6, min: 7 }]);
    const { overall: _, ...noOverall } = persona;
    expect(evaluate(rules, { kind: "persona", scores: noOverall })).toMatchObject({ outcome: "fail", failed: [{ metric: "overall", score: null, min: 8 }] });
    expect(evaluate(rules, { kind: "persona", scores: null }).outcome).toBe("not_judged");
    expect(evaluate(rules, { kind: "summary", scores: { overall: 1 } }).outcome).toBe("not_judged");
    // the flavor picks the social_qa row: why passes at novelty 7, general does not
    const qa = { hallucination: 8, coverage: 8, fidelity: 8, novelty: 7, leakage: 8, overall: 9 };
    expect(evaluate(rules, { kind: "social_qa", flavor: "why", scores: qa }).outcome).toBe("pass");
    expect(evaluate(rules, { kind: "social_qa", flavor: "general", scores: qa }).outcome).toBe("fail");
  });

  it("fail on the deterministic checks it names, judged or not", () => {
    const rules: RuleSet = { ...defaultRuleSet(), failOnFlags: ["pii"] };
    expect(evaluate(rules, { kind: "persona", scores: persona, flags: HIGHLIGHT_FLAGS.pii })).toMatchObject({ outcome: "fail", flagged: ["pii"] });
    expect(evaluate(rules, { kind: "summary", scores: null, flags: HIGHLIGHT_FLAGS.pii }).outcome).toBe("fail");
    expect(evaluate(rules, { kind: "persona", scores: persona, flags: HIGHLIGHT_FLAGS.length }).outcome).toBe("pass");
  });

  it("triage: auto-accept a pass and auto-reject a low score only where reject thresholds were calibrated", () => {
    const plain = defaultRuleSet();
    expect(triageRoute(plain, { kind: "persona", scores: persona })).toBe("human");
    expect(isCalibrated(plain)).toBe(false);
    expect(isCalibrated({ ...plain, failOnFlags: ["pii"] })).toBe(true);
    const calibrated: RuleSet = { ...plain, reject: { persona: { hallucination: 5 } } };
    expect(triageRoute(calibrated, { kind: "persona", scores: persona })).toBe("auto_accept");
    expect(triageRoute(calibrated, { kind: "persona", scores: { ...persona, hallucination: 4 } })).toBe("auto_reject");
    expect(triageRoute(calibrated, { kind: "persona", scores: { ...persona, hallucination: 6 } })).toBe("human"); // fails the pass, not low enough to reject
    expect(triageRoute(calibrated, { kind: "persona", scores: null })).toBe("human");
    expect(triageRoute({ ...calibrated, failOnFlags: ["pii"] }, { kind: "summary", scores: null, flags: HIGHLIGHT_FLAGS.pii })).toBe("auto_reject");
  });

  it("leave an artifact with a score outside the rubric's range to people: out_of_range, never a pass, a fail or an auto-decision", () => {
    const calibrated: RuleSet = { ...defaultRuleSet(), reject: { persona: { hallucination: 5 } }, failOnFlags: ["pii"] };
    for (const given of [0, 11, -1, Number.NaN]) {
      const judged = { kind: "persona" as const, scores: { ...persona, hallucination: given }, flags: HIGHLIGHT_FLAGS.pii };
      expect(evaluate(calibrated, judged)).toMatchObject({ outcome: "out_of_range", outOfRange: [{ metric: "hallucination", score: given }] });
      expect(triageRoute(calibrated, judged)).toBe("human");
    }
    expect(evaluate(calibrated, { kind: "persona", scores: { ...persona, overall: 10, coverage: 1 } }).outcome).toBe("fail");
  });
});

describe("judgePasses", () => {
  const rules: RuleSet = { ...defaultRuleSet(), pass: { ...defaultRuleSet().pass, persona: { fidelity: 7, overall: 6 } } };
  it("says whether the scores meet the kind's pass thresholds, checks aside", () => {
    expect(judgePasses(rules, { kind: "persona", scores: { fidelity: 8, overall: 6 }, flags: 1 })).toBe(true);
    expect(judgePasses(rules, { kind: "persona", scores: { fidelity: 6, overall: 9 } })).toBe(false);
    // a metric the judge did not score is under its threshold
    expect(judgePasses(rules, { kind: "persona", scores: { overall: 9 } })).toBe(false);
    expect(judgePasses(rules, { kind: "persona", scores: { fidelity: 8, overall: Number.NaN } })).toBe(false);
  });
  it("is null when the judge scored nothing, and true for a kind without thresholds", () => {
    expect(judgePasses(rules, { kind: "persona", scores: null })).toBeNull();
    expect(judgePasses(rules, { kind: "persona", scores: {} })).toBeNull();
    expect(judgePasses({ ...rules, pass: {} } as RuleSet, { kind: "persona", scores: { overall: 1 } })).toBe(true);
  });
});
