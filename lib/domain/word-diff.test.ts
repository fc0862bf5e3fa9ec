import { describe, expect, it } from "vitest";
import { wordDiff, type DiffPart } from "./word-diff";

const side = (parts: DiffPart[], keep: "del" | "ins") =>
  parts
    .filter((p) => p.op === "same" || p.op === keep)
    .map((p) => p.text)
    .join("");

describe("wordDiff", () => {
  it("shows a one-word change as one word out and one word in", () => {
    expect(wordDiff("The river is calm today.", "The river is wild today.")).toEqual([
      { op: "same", text: "The river is " },
      { op: "del", text: "calm" },
      { op: "ins", text: "wild" },
      { op: "same", text: " today." },
    ]);
  });

  it("shows an added sentence as an insertion only", () => {
    expect(wordDiff("She runs.", "She runs. And the river is calm.")).toEqual([
      { op: "same", text: "She runs." },
      { op: "ins", text: " And the river is calm." },
    ]);
  });

  it("gives both texts back exactly, whitespace included", () => {
    const cases: [string, string][] = [
      ["", "new text"],
      ["old text", ""],
      ["a  b\n\nc", "a b\nc d"],
      ["one two three four", "four three two one"],
      ["PersonX met Anna at the café.", "PersonX met PersonY at the café."],
    ];
    for (const [before, after] of cases) {
      const parts = wordDiff(before, after);
      expect(side(parts, "del")).toBe(before);
      expect(side(parts, "ins")).toBe(after);
    }
  });

  it("answers a long rewrite at once, as one replacement of what differs", () => {
    const before = Array.from({ length: 3000 }, (_, i) => `w${i}`).join(" ");
    const after = Array.from({ length: 3000 }, (_, i) => `v${i}`).join(" ");
    const parts = wordDiff(`Start. ${before} End.`, `Start. ${after} End.`);
    expect(parts.map((p) => p.op)).toEqual(["same", "del", "ins", "same"]);
  });
});
