import { describe, expect, it } from "vitest";
import { keyStates } from "./calibration-state";

describe("keyStates", () => {
  it("says in a line per kind how far calibration is, the report's kinds first, then those without labels yet", () => {
    const report = [
      { key: "persona", labels: { accepted: 8, rejected: 4 }, proposal: { status: "too_few", needed: 30 } },
      { key: "social_qa:why", labels: { accepted: 200, rejected: 40 }, proposal: { status: "proposed" } },
    ];
    const needs = [
      { key: "persona", labels: 12, needed: 30 },
      { key: "story", labels: 0, needed: 30 },
    ];
    expect(keyStates(report, needs)).toEqual([
      { key: "persona", ready: false, text: "persona: 12 of 30 labels needed" },
      { key: "social_qa:why", ready: true, text: "social Q&A · why: 240 labels, a proposal" },
      { key: "story", ready: false, text: "story: 0 of 30 labels needed" },
    ]);
  });
});
