import { describe, expect, it } from "vitest";
import { ARTIFACT_KINDS, PLATFORMS } from "./kinds";
import { kindLabel, platformLabel, rubricKeyLabel, sliceKeyLabel, words } from "./labels";
import { decimal } from "./number-text";

describe("labels", () => {
  it("name every kind and platform once, without codes", () => {
    for (const k of ARTIFACT_KINDS) expect(kindLabel(k)).not.toContain("_");
    expect(kindLabel("writing_style")).toBe("writing style");
    expect(PLATFORMS.map(platformLabel)).toEqual(["Reddit", "Twitter", "Blogger", "Amazon"]);
    expect(rubricKeyLabel("social_qa:why")).toBe("social Q&A · why");
    expect(sliceKeyLabel("kind", "behavior_story")).toBe("behavior story");
    expect(words("off_topic_and_more")).toBe("off topic and more");
  });
});

describe("decimal", () => {
  it("never writes a negative zero, and writes a real minus sign", () => {
    expect(decimal(-0.04, 1)).toBe("0.0");
    expect(decimal(-0, 3)).toBe("0.000");
    expect(decimal(-0.25, 2)).toBe("−0.25");
    expect(decimal(0.456, 1)).toBe("0.5");
  });
});
