import { createHash } from "node:crypto";
import type { Split } from "./splits";

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

const MAX_EXAMPLES = 20;

class Tracker {
  private first = new Map<string, { split: Split; artifactId: string }>();
  private offenders = new Map<string, Offender>();

  see(key: string, split: Split, artifactId: string): void {
    const seen = this.first.get(key);
    if (!seen) {
      this.first.set(key, { split, artifactId });
      return;
    }
    const o = this.offenders.get(key);
    if (o) {
      if (!o.splits.includes(split)) o.splits.push(split);
      if (o.artifactIds.length < MAX_EXAMPLES) o.artifactIds.push(artifactId);
    } else if (seen.split !== split) {
      this.offenders.set(key, { key, splits: [seen.split, split], artifactIds: [seen.artifactId, artifactId] });
    }
  }

  list(): Offender[] {
    return [...this.offenders.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  }
}

export function leakageReport(members: Iterable<LeakageMember>): LeakageReport {
  const users = new Tracker();
  const posts = new Tracker();
  const texts = new Tracker();
  for (const m of members) {
    users.see(m.uid, m.split, m.artifactId);
    for (const p of new Set(m.postIds)) posts.see(p, m.split, m.artifactId);
    const normalized = normalizeText(m.text);
    // 64 bits of the hash: enough to tell texts apart, small enough to keep a million of them
    if (normalized) texts.see(createHash("sha1").update(normalized).digest("hex").slice(0, 16), m.split, m.artifactId);
  }
  const report = { sharedUsers: users.list(), sharedPosts: posts.list(), duplicateTexts: texts.list() };
  return { ...report, clean: report.sharedUsers.length + report.sharedPosts.length + report.duplicateTexts.length === 0 };
}
