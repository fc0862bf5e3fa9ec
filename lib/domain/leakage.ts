import { createHash } from "node:crypto";
import { SPLITS, type Split } from "./splits";

/**
 * The leakage report that gates every export: users, source posts and normalized-duplicate texts
 * that appear in more than one split. Anything above zero blocks the export and lists the offenders.
 */

export interface LeakageMember {
  artifactId: string;
  uid: string;
  split: Split;
  postIds: string[];
  /** the text that trains (the artifact's final content, flattened) */
  text: string;
}

export interface Offender {
  key: string;
  splits: Split[];
  artifactIds: string[];
}

export interface LeakageReport {
  sharedUsers: Offender[];
  sharedPosts: Offender[];
  duplicateTexts: Offender[];
  clean: boolean;
}

/** Text as compared for duplicates: Unicode-normalized, lower-cased, punctuation dropped, spaces collapsed. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** 52 bits of the normalized text's sha1, as a number: cheap to keep a million of. */
function textKey(text: string): number | null {
  const normalized = normalizeText(text);
  return normalized ? parseInt(createHash("sha1").update(normalized).digest("hex").slice(0, 13), 16) : null;
}

const MAX_EXAMPLES = 20;
const BIT: Record<Split, number> = { train: 1, validation: 2, test: 4 };

/** Which splits each key was seen in, as a bit mask: memory is one small entry per key. */
class Seen<K> {
  readonly masks = new Map<K, number>();
  see(key: K, split: Split): void {
    this.masks.set(key, (this.masks.get(key) ?? 0) | BIT[split]);
  }
  shared(): Set<K> {
    const out = new Set<K>();
    for (const [k, m] of this.masks) if (m & (m - 1)) out.add(k);
    return out;
  }
}

function offenders<K>(shared: Set<K>, masks: Map<K, number>, examples: Map<K, string[]>, label: (k: K) => string): Offender[] {
  return [...shared]
    .map((k) => ({ key: label(k), splits: SPLITS.filter((s) => masks.get(k)! & BIT[s]), artifactIds: examples.get(k) ?? [] }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * Reads the members twice: once to find keys seen in more than one split (a bit mask per key), and,
 * only when there are some, again to name the artifacts behind them.
 */
export function leakageReport(members: () => Iterable<LeakageMember>): LeakageReport {
  const users = new Seen<string>();
  const posts = new Seen<string>();
  const texts = new Seen<number>();
  const textHex = new Map<number, string>();
  for (const m of members()) {
    users.see(m.uid, m.split);
    for (const p of m.postIds) posts.see(p, m.split);
    const key = textKey(m.text);
    if (key !== null) texts.see(key, m.split);
  }
  const [u, p, t] = [users.shared(), posts.shared(), texts.shared()];
  if (u.size + p.size + t.size === 0) return { sharedUsers: [], sharedPosts: [], duplicateTexts: [], clean: true };

  const examples = { u: new Map<string, string[]>(), p: new Map<string, string[]>(), t: new Map<number, string[]>() };
  const note = <K>(map: Map<K, string[]>, key: K, artifactId: string) => {
    const list = map.get(key) ?? [];
    if (list.length < MAX_EXAMPLES && !list.includes(artifactId)) map.set(key, [...list, artifactId]);
  };
  for (const m of members()) {
    if (u.has(m.uid)) note(examples.u, m.uid, m.artifactId);
    for (const post of m.postIds) if (p.has(post)) note(examples.p, post, m.artifactId);
    const key = t.size ? textKey(m.text) : null;
    if (key !== null && t.has(key)) {
      note(examples.t, key, m.artifactId);
      textHex.set(key, key.toString(16).padStart(13, "0"));
    }
  }
  return {
    sharedUsers: offenders(u, users.masks, examples.u, (k) => k),
    sharedPosts: offenders(p, posts.masks, examples.p, (k) => k),
    duplicateTexts: offenders(t, texts.masks, examples.t, (k) => textHex.get(k) ?? String(k)),
    clean: false,
  };
}
