import { describe, expect, it } from "vitest";
import { contentTokens, splitSentences, wordCount } from "./tokens";

describe("splitSentences", () => {
  it("splits on sentence ends and keeps offsets into the text", () => {
    const text = "I ran 20k. My knee hurts!  Should I rest?\nYes";
    const s = splitSentences(text);
    expect(s.map((x) => x.text)).toEqual(["I ran 20k.", "My knee hurts!", "Should I rest?", "Yes"]);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it("keeps emails, URLs and decimals whole: a sentence ends only where whitespace or the text's end follows", () => {
    const text = "Write to ingrid.tanaka88@example.com (any time). See www.example.org/a.b for 3.5 km.\n\nThanks!";
    const s = splitSentences(text);
    expect(s.map((x) => x.text)).toEqual(["Write to ingrid.tanaka88@example.com (any time).", "See www.example.org/a.b for 3.5 km.", "Thanks!"]);
    for (const x of s) expect(text.slice(x.start, x.end)).toBe(x.text);
  });

  it("does not end a sentence after an abbreviation", () => {
    expect(splitSentences("I saw Dr. Smith today. Fine.").map((x) => x.text)).toEqual(["I saw Dr. Smith today.", "Fine."]);
  });
});

describe("contentTokens", () => {
  it("drops stopwords and folds simple suffixes", () => {
    expect(contentTokens("I was running with my dogs, and the dog's leash broke")).toEqual(["runn", "dog", "dog", "leash", "broke"]);
  });
});

describe("wordCount", () => {
  it("counts whitespace-separated words", () => {
    expect(wordCount("  one two\nthree ")).toBe(3);
    expect(wordCount("")).toBe(0);
  });
});
