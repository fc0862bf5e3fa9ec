import { describe, expect, it } from "vitest";
import { codePoints, postsWithinCut } from "./prompt-cut";

/** The prompt as blogger_data_gen.py builds it, cut at `max`, for checking against. */
function built(prompt: number, texts: string[], max: number): string {
  return ("p".repeat(prompt) + texts.map((t, k) => `Post : ${k + 1}\n${t}\n\n`).join("")).slice(0, max);
}

describe("Blogger's prompt cut", () => {
  it("counts the posts whose text begins within the cut, as the built prompt shows them", () => {
    const texts = ["a".repeat(30), "b".repeat(30), "c".repeat(30)];
    for (let max = 900; max < 1040; max++) {
      const prompt = built(941 - 100, texts, max);
      const seen = texts.filter((t, k) => prompt.includes(`Post : ${k + 1}\n${t[0]}`)).length;
      expect(postsWithinCut(texts.map(codePoints), 841, max)).toBe(seen);
    }
    expect(postsWithinCut([10, 10], 941)).toBe(2);
    expect(postsWithinCut([40_000, 10], 941)).toBe(1);
    expect(postsWithinCut([], 941)).toBe(0);
  });

  it("counts characters as Python does: an emoji is one", () => {
    expect(codePoints("a😀b")).toBe(3);
    expect(codePoints("\ud800x")).toBe(2); // a lone surrogate is one
  });
});
