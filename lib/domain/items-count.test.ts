import { describe, expect, it } from "vitest";
import { countingTally, countText, facetCount, type FacetRow } from "./items-count";
import { itemsQuery } from "../validation/items-query";

const query = (params: Record<string, string>) => itemsQuery.parse(params);
const facet = (value: string, n: number, over: Partial<FacetRow> = {}): FacetRow => ({ kind: "scenario", platform: "reddit", status: "pending", gold: false, overridden: false, value, n, ...over });

describe("countingTally", () => {
  it("answers plain filters from the plain tally, one facet from its own, and counts the rest", () => {
    expect(countingTally(query({}))).toBe("plain");
    expect(countingTally(query({ kind: "persona", status: "accepted", gold: "yes", overrides: "yes" }))).toBe("plain");
    expect(countingTally(query({ flags: "pii,answer_leak", status: "accepted" }))).toBe("flags");
    expect(countingTally(query({ reasons: "leakage", kind: "social_qa" }))).toBe("reasons");
    expect(countingTally(query({ flavor: "why" }))).toBe("flavor");
    expect(countingTally(query({ overallMin: "9", scoreMax: "7", judged: "yes" }))).toBe("scores");
    expect(countingTally(query({ flags: "pii", reasons: "leakage" }))).toBeNull();
    expect(countingTally(query({ q: "coffee" }))).toBeNull();
    expect(countingTally(query({ annotator: "3" }))).toBeNull();
  });
});

describe("facetCount", () => {
  it("counts any of several flags once per artifact (the value holds all its bits)", () => {
    const rows = [facet("1", 4), facet("9", 2), facet("8", 3), facet("2", 7), facet("8", 5, { status: "accepted" })];
    expect(facetCount(query({ flags: "pii,answer_leak" }), "flags", rows)).toBe(14);
    expect(facetCount(query({ flags: "answer_leak", status: "accepted" }), "flags", rows)).toBe(5);
    expect(facetCount(query({ flags: "leaked_name", kind: "persona" }), "flags", rows)).toBe(0);
  });

  it("counts reasons by their bits", () => {
    const leakage = 1 << 2;
    const rows = [facet(String(leakage), 3, { kind: "social_qa" }), facet(String(leakage | 1), 2, { kind: "social_qa" }), facet("1", 9, { kind: "social_qa" }), facet(String(leakage), 4)];
    expect(facetCount(query({ reasons: "leakage", kind: "social_qa" }), "reasons", rows)).toBe(5);
    expect(facetCount(query({ reasons: "hallucination" }), "reasons", rows)).toBe(11);
  });

  it("counts flavors", () => {
    const rows = [facet("why", 3, { kind: "social_qa" }), facet("general", 2, { kind: "social_qa" })];
    expect(facetCount(query({ flavor: "why,general", kind: "social_qa" }), "flavor", rows)).toBe(5);
  });

  it("counts score ranges on overall and lowest, with unjudged artifacts outside every range", () => {
    const rows = [facet("9:7", 3), facet("9:9", 4), facet("10:6", 5), facet(":8", 6), facet("none", 7), facet("8:8", 1)];
    expect(facetCount(query({ overallMin: "9", scoreMax: "7" }), "scores", rows)).toBe(8);
    expect(facetCount(query({ overallMax: "9" }), "scores", rows)).toBe(8);
    expect(facetCount(query({ scoreMin: "8" }), "scores", rows)).toBe(11);
    expect(facetCount(query({ judged: "yes" }), "scores", rows)).toBe(19);
    expect(facetCount(query({ judged: "no" }), "scores", rows)).toBe(7);
    expect(facetCount(query({ judged: "off_scale" }), "scores", rows)).toBe(0);
  });

  it("cannot say how many of a range have a score off the scale, but counts them as judged", () => {
    const rows = [facet("9:7", 3), facet("off", 2, { kind: "persona" })];
    expect(facetCount(query({ judged: "off_scale" }), "scores", rows)).toBe(2);
    expect(facetCount(query({ judged: "yes" }), "scores", rows)).toBe(5);
    expect(facetCount(query({ overallMin: "9" }), "scores", rows)).toBeNull();
    // the off-scale artifacts are filtered out by kind, so the range is answered
    expect(facetCount(query({ overallMin: "9", kind: "scenario" }), "scores", rows)).toBe(3);
  });
});

describe("countText", () => {
  it("says whether the count is exact, a floor or a ceiling", () => {
    expect(countText({ count: 1234, bound: "exact" })).toBe("1,234");
    expect(countText({ count: 1000, bound: "atLeast" })).toBe("1,000+");
    expect(countText({ count: 2654, bound: "atMost" })).toBe("at most 2,654");
  });
});
