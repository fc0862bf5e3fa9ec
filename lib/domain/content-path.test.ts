import { describe, expect, it } from "vitest";
import { setAtPath } from "./content-path";

describe("setAtPath", () => {
  it("replaces a nested string without touching the original", () => {
    const before = {
      stories: [
        { summary: "a", content: "x" },
        { summary: "b", content: "y" },
      ],
      note: "n",
    };
    const after = setAtPath(before, "stories.1.content", "z");
    expect(after).toEqual({
      stories: [
        { summary: "a", content: "x" },
        { summary: "b", content: "z" },
      ],
      note: "n",
    });
    expect(before.stories[1].content).toBe("y");
    expect(Array.isArray(after.stories)).toBe(true);
  });

  it("sets top-level and record fields", () => {
    expect(setAtPath({ text: "a" }, "text", "b")).toEqual({ text: "b" });
    expect(setAtPath({ characters: { PersonA: "x" } }, "characters.PersonA", "y")).toEqual({ characters: { PersonA: "y" } });
  });
});
