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

const ASCII = /^[\x00-\x7f]*$/;

/** Text as compared for duplicates: Unicode-normalized, lower-cased, punctuation dropped, spaces collapsed. */
export function normalizeText(text: string): string {
  // NFKC leaves ASCII as it is: most texts skip it
  return (ASCII.test(text) ? text : text.normalize("NFKC"))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ") // every run of spaces and punctuation becomes one space
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
 * The first of two passes: each member adds its user, posts and text to a bit mask per key (the
 * splits it was seen in). Usually that is all: a clean scan needs nothing more. Only when some key
 * is in more than one split does `report` read the members again, to name the artifacts behind it.
 */
export class LeakageScan {
  private users = new KeyMaskTable();
  private posts = new KeyMaskTable();
  private texts = new KeyMaskTable();
  // one user's artifacts cite the same posts over and over: remember the last few thousand keys
  private recent = new Map<string, number>();

  private postKey(id: string): number {
    let k = this.recent.get(id);
    if (k === undefined) {
      if (this.recent.size > 4096) this.recent.clear();
      this.recent.set(id, (k = key52(id)));
    }
    return k;
  }

  private lastUid = { uid: "", key: 0 };

  add(m: LeakageMember): void {
    // members come grouped by user: one key per group
    if (m.uid !== this.lastUid.uid) this.lastUid = { uid: m.uid, key: key52(m.uid) };
    this.users.add(this.lastUid.key, BIT[m.split]);
    for (const p of m.postIds) this.posts.add(this.postKey(p), BIT[m.split]);
    const key = textKey(m.text);
    if (key !== null) this.texts.add(key, BIT[m.split]);
  }

  /** The report; `members` (the same members again) is read only when something leaks. */
  async report(members: () => Iterable<LeakageMember> | AsyncIterable<LeakageMember>): Promise<LeakageReport> {
    const [u, p, t] = [new Set(this.users.multi()), new Set(this.posts.multi()), new Set(this.texts.multi())];
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
      sharedUsers: offenders(u, this.users, examples.u),
      sharedPosts: offenders(p, this.posts, examples.p),
      duplicateTexts: offenders(t, this.texts, examples.t),
      clean: false,
    };
  }
}

/** Both passes of a LeakageScan over `members`. */
export async function leakageReport(members: () => Iterable<LeakageMember> | AsyncIterable<LeakageMember>): Promise<LeakageReport> {
  const scan = new LeakageScan();
  for await (const m of members()) scan.add(m);
  return scan.report(members);
}
