import { describe, expect, it } from "vitest";
import { exportWarnings } from "./export-warnings";
import { SFT_TASKS } from "./sft/templates";

const every = (n: number) => Object.fromEntries(SFT_TASKS.map((t) => [`reddit.${t}`, n]));

describe("exportWarnings", () => {
  it("says nothing of a balanced export", () => {
    expect(exportWarnings({ records: { train: every(100), validation: every(20), test: every(20) } })).toEqual([]);
    expect(exportWarnings({ artifacts: { train: 900, validation: 100, test: 100 } })).toEqual([]);
  });

  it("warns of an empty split, a small test set and a task with no record", () => {
    const noScenario = every(30);
    delete noScenario["reddit.scenario"];
    expect(exportWarnings({ records: { train: noScenario, validation: {}, test: { "twitter.social_qa": 12 } } })).toEqual([
      "validation has no records: its file is empty, and dataset_info.json leaves it out.",
      "test has 12 records, under the 100 a held-out set needs to tell models apart.",
      "No records of the task scenario: no accepted artifact of its kind.",
    ]);
  });

  it("warns before the export from the version's artifact counts", () => {
    expect(exportWarnings({ artifacts: { train: 40, validation: 0, test: 5 } })).toEqual([
      "validation has no artifacts: its file will be empty, and dataset_info.json leaves it out.",
      "test has 5 artifacts, under the 100 a held-out set needs to tell models apart.",
    ]);
  });
});
