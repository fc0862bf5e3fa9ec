import { describe, expect, it } from "vitest";
import { fieldLabel } from "./field-label";

describe("fieldLabel", () => {
  it("reads a field's path as words: positions count from 1, named keys follow their container", () => {
    expect(fieldLabel("stories.0.content")).toBe("Story 1: content");
    expect(fieldLabel("stories.11.summary")).toBe("Story 12: summary");
    expect(fieldLabel("characters.PersonA")).toBe("Character PersonA");
    expect(fieldLabel("scenario")).toBe("Scenario");
    expect(fieldLabel("inner_thoughts")).toBe("Inner thoughts");
    expect(fieldLabel("qa.2.answer")).toBe("Qa 3: answer");
    expect(fieldLabel("address")).toBe("Address");
    expect(fieldLabel("0")).toBe("Item 1");
  });
});
