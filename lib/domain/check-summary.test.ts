import { describe, expect, it } from "vitest";
import type { AlignedSentence } from "./evidence";
import { summarizeChecks } from "./check-summary";
import { highlightWithNames } from "./highlights";

const sentence = (field: string, unsupported: boolean, elsewhere: string | null = null): AlignedSentence => ({
  field,
  sentence: { text: "x", start: 0, end: 1 },
  support: [],
  best: 0,
  checked: true,
  unsupported,
  elsewhere: elsewhere ? { postId: elsewhere, sentence: { text: "y", start: 0, end: 1 }, score: 0.5 } : null,
});

describe("summarizeChecks", () => {
  it("lists each check once, however often it fired, with where and the reason it suggests", () => {
    const content = { scenario: "Maria Lopez met Maria Lopez at the lake.", answer: "Write to maria@example.com, Maria Lopez." };
    const lines = summarizeChecks(highlightWithNames("social_qa", content, ["Maria Lopez"]), []);
    expect(lines.map((l) => l.check)).toEqual(["pii", "leaked_name"]);
    expect(lines[1]).toMatchObject({ text: 'Real names from the posts: "Maria Lopez" (3×) in Scenario, Answer; use PersonX placeholders', failed: true, reason: "pii" });
    expect(lines[0].text).toBe("Personal data: email address: maria@example.com in Answer");
  });

  it("tells support found only in uncited posts from none at all, and counts only the latter as failed", () => {
    const lines = summarizeChecks([], [sentence("answer", true), sentence("answer", true, "p9"), sentence("scenario", true, "p9"), sentence("answer", false)]);
    expect(lines).toEqual([
      { check: "unsupported", text: "1 sentence with no support in any of the user's posts (wavy underline) in Answer", failed: true, reason: "hallucination", postIds: [] },
      { check: "elsewhere", text: "2 sentences supported only by posts the artifact does not cite (dotted underline) in Answer, Scenario", failed: false, reason: null, postIds: ["p9"] },
    ]);
  });

  it("is empty for an artifact that passes every check", () => {
    expect(summarizeChecks([], [sentence("answer", false)])).toEqual([]);
  });
});
