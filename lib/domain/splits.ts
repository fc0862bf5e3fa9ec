import { createHash } from "node:crypto";
import type { Platform } from "./kinds";

/**
 * Splits by user (DESIGN.md, "Splits and the held-out test set"): every artifact of one uid lands
 * in the same split, stratified by platform, with the lead's ratios and a seed. The same inputs give
 * the same assignment, and users pinned to the test set of a frozen version stay there.
 */

export const SPLITS = ["train", "validation", "test"] as const;
export type Split = (typeof SPLITS)[number];
export type Ratios = Record<Split, number>;

/** The ratios a new version gets unless the lead gives others. */
export const DEFAULT_RATIOS: Ratios = { train: 0.8, validation: 0.1, test: 0.1 };

/** The seed a new version gets unless the lead gives one: its number, so that "v3" can be made again. */
export const defaultSeed = (nextVersion: number) => `v${nextVersion}`;

export interface SplitUser {
  uid: string;
  platform: Platform | string;
}

/** A stable pseudo-random rank of a uid under a seed: sha256, first 12 hex digits. */
function rank(seed: string, uid: string): number {
  return parseInt(createHash("sha256").update(`${seed}\u0000${uid}`).digest("hex").slice(0, 12), 16);
}

export function validateRatios(r: Ratios): string | null {
  if (SPLITS.some((s) => !(r[s] >= 0))) return "Every ratio must be a number of at least 0.";
  const sum = r.train + r.validation + r.test;
  if (Math.abs(sum - 1) > 1e-9) return `The ratios must add up to 1 (they add up to ${+sum.toFixed(6)}).`;
  return null;
}

/**
 * Assigns each user to a split. Within each platform, users are ordered by their seeded rank and
 * cut at the cumulative ratios (rounded, so every platform is split as closely as its size allows).
 * `pinned` users (a frozen test set) keep their split and count toward it.
 */
export function assignSplits(users: SplitUser[], ratios: Ratios, seed: string, pinned: ReadonlyMap<string, Split> = new Map()): Map<string, Split> {
  const problem = validateRatios(ratios);
  if (problem) throw new Error(problem);
  const out = new Map<string, Split>();
  const byPlatform = new Map<string, SplitUser[]>();
  const seen = new Set<string>();
  for (const u of users) {
    if (seen.has(u.uid)) continue;
    seen.add(u.uid);
    const group = byPlatform.get(u.platform);
    if (group) group.push(u);
    else byPlatform.set(u.platform, [u]);
  }
  for (const group of byPlatform.values()) {
    const total = group.length;
    const quota: Record<Split, number> = {
      train: Math.round(total * ratios.train),
      validation: Math.round(total * (ratios.train + ratios.validation)) - Math.round(total * ratios.train),
      test: 0,
    };
    quota.test = total - quota.train - quota.validation;
    const free: SplitUser[] = [];
    for (const u of group) {
      const p = pinned.get(u.uid);
      if (p) {
        out.set(u.uid, p);
        quota[p] = Math.max(0, quota[p] - 1);
      } else free.push(u);
    }
    const order = free
      .map((u) => ({ uid: u.uid, r: rank(seed, u.uid) }))
      .sort((a, b) => a.r - b.r || (a.uid < b.uid ? -1 : 1))
      .map((x) => x.uid);
    let i = 0;
    for (const split of SPLITS) for (let n = 0; n < quota[split] && i < order.length; n++) out.set(order[i++], split);
    for (; i < order.length; i++) out.set(order[i], "train"); // pinned users overfilled a split: the rest trains
  }
  return out;
}
