import { describe, expect, it } from "vitest";
import { leakageReport, normalizeText, type LeakageMember } from "./leakage";

const m = (artifactId: string, uid: string, split: LeakageMember["split"], postIds: string[], text: string): LeakageMember => ({ artifactId, uid, split, postIds, text });

describe("normalizeText", () => {
  it("ignores case, punctuation, spacing and Unicode forms", async () => {
    expect(normalizeText("  PersonA   runs!\n“Fast”, really…")).toBe("persona runs fast really");
    expect(normalizeText("ﬁne")).toBe("fine");
    expect(normalizeText("Ｆｕｌｌ-width, Straße!\t\u00a0ok")).toBe("full width straße ok");
    expect(normalizeText("...!?")).toBe("");
  });
});

describe("leakageReport", () => {
  it("is clean for user-disjoint splits with distinct texts", async () => {
    const r = await leakageReport(() => [m("a1", "u1", "train", ["p1"], "one text"), m("a2", "u1", "train", ["p1"], "another text"), m("a3", "u2", "test", ["p2"], "a third")]);
    expect(r).toEqual({ sharedUsers: [], sharedPosts: [], duplicateTexts: [], clean: true });
  });

  it("finds planted shared users, shared posts and near-duplicate texts", async () => {
    const r = await leakageReport(() => [
      m("a1", "u1", "train", ["p1"], "PersonA runs every morning."),
      m("a2", "u1", "test", ["p9"], "Something else entirely."),
      m("a3", "u2", "validation", ["p1", "p1"], "A different story."),
      m("a4", "u3", "test", ["p3"], "personA runs, every morning!"),
    ]);
    expect(r.clean).toBe(false);
    expect(r.sharedUsers).toEqual([{ key: "u1", splits: ["train", "test"], artifactIds: ["a1", "a2"] }]);
    expect(r.sharedPosts).toEqual([{ key: "p1", splits: ["train", "validation"], artifactIds: ["a1", "a3"] }]);
    expect(r.sharedUsers[0].splits).toEqual(["train", "test"]); // in split order
    expect(r.duplicateTexts).toHaveLength(1);
    expect(r.duplicateTexts[0]).toMatchObject({ key: expect.stringMatching(/^[0-9a-f]{13}$/), splits: ["train", "test"], artifactIds: ["a1", "a4"] });
  });

  it("does not count repeats inside one split", async () => {
    const r = await leakageReport(() => [m("a1", "u1", "train", ["p1"], "same"), m("a2", "u2", "train", ["p1"], "same")]);
    expect(r.clean).toBe(true);
  });
});
