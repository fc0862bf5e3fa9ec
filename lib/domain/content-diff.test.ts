import { describe, expect, it } from "vitest";
import { diffContent } from "./content-diff";

describe("diffContent", () => {
  it("lists changed, added and removed text fields", () => {
    const before = { scenario: "s", question: "q", answer: "Maria rests.", characters: { PersonA: "a nurse" } };
    const after = { scenario: "s", question: "q", answer: "PersonA rests.", characters: { PersonB: "a friend" } };
    expect(diffContent(before, after)).toEqual([
      { field: "answer", before: "Maria rests.", after: "PersonA rests." },
      { field: "characters.PersonB", before: null, after: "a friend" },
      { field: "characters.PersonA", before: "a nurse", after: null },
    ]);
  });

  it("is empty when nothing changed", () => {
    expect(diffContent({ text: "x" }, { text: "x" })).toEqual([]);
  });
});
