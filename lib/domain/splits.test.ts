import { describe, expect, it } from "vitest";
import { Rng } from "./rng";
import { PLATFORMS } from "./kinds";
import { assignSplits, SPLITS, validateRatios, type Ratios } from "./splits";

const ratios: Ratios = { train: 0.8, validation: 0.1, test: 0.1 };

function randomUsers(rng: Rng, n: number) {
  return Array.from({ length: n }, (_, i) => ({ uid: `u${i}-${rng.int(0, 1e6)}`, platform: rng.pick(PLATFORMS) }));
}

describe("assignSplits", () => {
  it("(property) puts every user in exactly one split, for random users, artifacts and ratios", () => {
    const rng = new Rng("splits-property");
    for (let round = 0; round < 200; round++) {
      const users = randomUsers(rng, rng.int(0, 120));
      const a = rng.next();
      const b = rng.next() * (1 - a);
      const r = { train: a, validation: b, test: 1 - a - b };
      const artifacts = users.flatMap((u) => Array.from({ length: rng.int(1, 4) }, (_, k) => ({ id: `${u.uid}/${k}`, uid: u.uid })));
      const split = assignSplits(users, r, `seed-${round}`);
      expect(split.size).toBe(users.length);
      const seen = new Map<string, Set<string>>();
      for (const art of artifacts) {
        const s = split.get(art.uid);
        expect(s && SPLITS.includes(s)).toBe(true);
        seen.set(art.uid, (seen.get(art.uid) ?? new Set()).add(s!));
      }
      for (const splits of seen.values()) expect(splits.size).toBe(1);
    }
  });

  it("is deterministic for a seed and changes with it", () => {
    const users = randomUsers(new Rng(1), 300);
    const a = assignSplits(users, ratios, "s1");
    expect([...assignSplits([...users].reverse(), ratios, "s1")].sort()).toEqual([...a].sort());
    expect([...assignSplits(users, ratios, "s2")].sort()).not.toEqual([...a].sort());
  });

  it("stratifies by platform: each platform is cut at the ratios", () => {
    const users = PLATFORMS.flatMap((platform) => Array.from({ length: 100 }, (_, i) => ({ uid: `${platform}:${i}`, platform })));
    const split = assignSplits(users, ratios, "strata");
    for (const platform of PLATFORMS) {
      const counts = { train: 0, validation: 0, test: 0 };
      for (const u of users.filter((x) => x.platform === platform)) counts[split.get(u.uid)!]++;
      expect(counts).toEqual({ train: 80, validation: 10, test: 10 });
    }
  });

  it("keeps pinned test users in the test set, whatever the seed", () => {
    const users = randomUsers(new Rng(2), 200);
    const first = assignSplits(users, ratios, "v1");
    const frozenTest = new Map([...first].filter(([, s]) => s === "test"));
    const next = assignSplits([...users, ...randomUsers(new Rng(3), 50)], ratios, "v2", frozenTest);
    for (const uid of frozenTest.keys()) expect(next.get(uid)).toBe("test");
  });

  it("refuses ratios that do not add up to 1", () => {
    expect(validateRatios({ train: 0.8, validation: 0.1, test: 0.2 })).toMatch(/add up to 1/);
    expect(() => assignSplits([], { train: -1, validation: 1, test: 1 }, "x")).toThrow("at least 0");
  });
});
