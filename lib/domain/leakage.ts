import { KeyMaskTable, key52 } from "./key-mask-table";
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

/** The normalized text's key, or null for texts with nothing to compare. */
function textKey(text: string): number | null {
  const normalized = normalizeText(text);
  return normalized ? key52(normalized) : null;
}

const MAX_EXAMPLES = 20;
const BIT: Record<Split, number> = { train: 1, validation: 2, test: 4 };

function offenders(keys: Set<number>, table: KeyMaskTable, examples: Map<number, { label: string; ids: string[] }>): Offender[] {
  return [...keys]
    .map((k) => ({ key: examples.get(k)?.label ?? String(k), splits: SPLITS.filter((s) => table.get(k) & BIT[s]), artifactIds: examples.get(k)?.ids ?? [] }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * Reads the members twice: once to find keys seen in more than one split (a bit mask per key), and,
 * only when there are some, again to name the artifacts behind them.
 */
export async function leakageReport(members: () => Iterable<LeakageMember> | AsyncIterable<LeakageMember>): Promise<LeakageReport> {
  // users, posts and texts are kept as 52-bit keys with a bit mask of the splits they were seen in
  const users = new KeyMaskTable();
  const posts = new KeyMaskTable();
  const texts = new KeyMaskTable();
  // one user's artifacts cite the same posts over and over: remember the last few thousand keys
  const recent = new Map<string, number>();
  const postKey = (id: string) => {
    let k = recent.get(id);
    if (k === undefined) {
      if (recent.size > 4096) recent.clear();
      recent.set(id, (k = key52(id)));
    }
    return k;
  };
  for await (const m of members()) {
    users.add(key52(m.uid), BIT[m.split]);
    for (const p of m.postIds) posts.add(postKey(p), BIT[m.split]);
    const key = textKey(m.text);
    if (key !== null) texts.add(key, BIT[m.split]);
  }
  const [u, p, t] = [new Set(users.multi()), new Set(posts.multi()), new Set(texts.multi())];
  if (u.size + p.size + t.size === 0) return { sharedUsers: [], sharedPosts: [], duplicateTexts: [], clean: true };

  const examples = { u: new Map<number, { label: string; ids: string[] }>(), p: new Map<number, { label: string; ids: string[] }>(), t: new Map<number, { label: string; ids: string[] }>() };
  const note = (map: Map<number, { label: string; ids: string[] }>, key: number, label: string, artifactId: string) => {
    const entry = map.get(key) ?? { label, ids: [] };
    if (entry.ids.length < MAX_EXAMPLES && !entry.ids.includes(artifactId)) entry.ids.push(artifactId);
    map.set(key, entry);
  };
  for await (const m of members()) {
    const uk = key52(m.uid);
    if (u.has(uk)) note(examples.u, uk, m.uid, m.artifactId);
    for (const post of m.postIds) {
      const pk = key52(post);
      if (p.has(pk)) note(examples.p, pk, post, m.artifactId);
    }
    const tk = t.size ? textKey(m.text) : null;
    if (tk !== null && t.has(tk)) note(examples.t, tk, tk.toString(16).padStart(13, "0"), m.artifactId);
  }
  return {
    sharedUsers: offenders(u, users, examples.u),
    sharedPosts: offenders(p, posts, examples.p),
    duplicateTexts: offenders(t, texts, examples.t),
    clean: false,
  };
}
