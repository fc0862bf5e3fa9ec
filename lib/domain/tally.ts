/**
 * A project's artifacts counted by everything a page shows them by, as the database keeps them on
 * write (migration 023, "ArtifactTally"): one row per combination that has artifacts. Empty
 * strings stand for "none" (an open artifact's decidedBy, an untriaged one's route).
 */
export interface TallyRow {
  kind: string;
  platform: string;
  status: string;
  decidedBy: string;
  triageRoute: string;
  triageAudit: boolean;
  flagged: boolean;
  overridden: boolean;
  gold: boolean;
  n: number;
}

export interface Count {
  key: string;
  count: number;
}

/** How many artifacts the rows count. */
export function total(rows: readonly TallyRow[]): number {
  return rows.reduce((sum, r) => sum + r.n, 0);
}

/** The rows' artifacts by one key, largest first (ties by key); keys with none are absent. */
export function countBy(rows: readonly TallyRow[], key: (r: TallyRow) => string): Count[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.n !== 0) counts.set(key(r), (counts.get(key(r)) ?? 0) + r.n);
  return [...counts]
    .filter(([, count]) => count !== 0)
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** The rows' artifacts by review status, as a record (a status with none is absent). */
export function statusRecord(rows: readonly TallyRow[]): Record<string, number> {
  return Object.fromEntries(countBy(rows, (r) => r.status).map((c) => [c.key, c.count]));
}

/** The rows' artifacts by a column and review status, ordered by the column, then status. */
export function countByAndStatus<K extends "kind" | "platform">(rows: readonly TallyRow[], column: K): ({ [P in K]: string } & { status: string; count: number })[] {
  const counts = countBy(rows, (r) => `${r[column]}\u0000${r.status}`);
  return counts
    .map(({ key, count }) => {
      const [value, status] = key.split("\u0000");
      return { [column]: value, status, count } as { [P in K]: string } & { status: string; count: number };
    })
    .sort((a, b) => a[column].localeCompare(b[column]) || a.status.localeCompare(b.status));
}

/** What applied triage has done (triageOutcomeOf). */
export interface TriageOutcome {
  finalizedByRules: { accepted: number; rejected: number };
  audits: { open: number; checked: number; overturned: number };
}

const isFinalStatus = (status: string) => status === "accepted" || status === "rejected";

/**
 * What triage has done so far: the artifacts its rules finalized, and its audits (artifacts it
 * would have decided, left to people to check): open, checked, and overturned (people decided
 * the other way).
 */
export function triageOutcomeOf(rows: readonly TallyRow[]): TriageOutcome {
  const out: TriageOutcome = { finalizedByRules: { accepted: 0, rejected: 0 }, audits: { open: 0, checked: 0, overturned: 0 } };
  for (const r of rows) {
    if (r.triageRoute === "") continue;
    if (r.decidedBy === "rules") {
      if (isFinalStatus(r.status)) out.finalizedByRules[r.status as "accepted" | "rejected"] += r.n;
    } else if (r.triageAudit) {
      if (!isFinalStatus(r.status)) out.audits.open += r.n;
      else {
        out.audits.checked += r.n;
        if ((r.triageRoute === "auto_accept") !== (r.status === "accepted")) out.audits.overturned += r.n;
      }
    }
  }
  return out;
}

/**
 * The artifacts' states as a short text (statuses and deciders counted): what a count over them
 * was taken on. Equal texts mean that no artifact was added, removed or moved between states, as
 * far as counts tell.
 */
export function stateBasis(rows: readonly TallyRow[]): string {
  return countBy(rows, (r) => `${r.status}/${r.decidedBy}`)
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((c) => `${c.key}:${c.count}`)
    .join(",");
}
