import "server-only";
import { deriveReviewState } from "../../domain/review-state";
import { liveVerdicts, rulingOf, storeReviewState } from "../review/review-state-of";
import type { Sqlite } from "../sqlite";

const PAGE = 4000;

interface VerdictRow {
  artifactId: string;
  accountId: number;
  decision: string;
  contentJson: string | null;
  reasonsJson: string;
  overrideFlags: number;
  createdAt: string;
}

/**
 * Brings the status of the given artifacts in step with their live verdicts (the latest event per
 * annotator) and their ruling: artifacts a lead adjudicated stay final. Works in pages of artifacts: better-sqlite3
 * cannot write while a read is still streaming.
 */
export function recomputeReviewStates(db: Sqlite, projectId: number, artifactIds: Iterable<string>): number {
  const { overlap } = db.prepare(`SELECT overlap FROM Project WHERE id = ?`).get(projectId) as { overlap: number };
  db.exec(`DROP TABLE IF EXISTS temp.touched; CREATE TEMP TABLE touched (artifactId TEXT PRIMARY KEY) WITHOUT ROWID`);
  const touch = db.prepare(`INSERT OR IGNORE INTO temp.touched VALUES (?)`);
  for (const id of artifactIds) touch.run(id);

  const pageEnd = db.prepare(`SELECT MAX(artifactId) FROM (SELECT artifactId FROM temp.touched WHERE artifactId > ? ORDER BY artifactId LIMIT ${PAGE})`).pluck();
  const verdicts = db.prepare(
    `SELECT v.artifactId, v.accountId, v.decision, v.contentJson, v.reasonsJson, v.overrideFlags, v.createdAt
     FROM VerdictEvent v JOIN temp.touched t ON t.artifactId = v.artifactId
     WHERE v.projectId = ? AND v.artifactId > ? AND v.artifactId <= ?
     ORDER BY v.artifactId, v.createdAt, v.id`,
  );
  let updated = 0;
  const flush = (artifactId: string, events: VerdictRow[]) => {
    // an imported verdict that completed an artifact finalized it when it was given, not when it was imported
    const state = deriveReviewState(liveVerdicts(events), overlap, rulingOf(db, projectId, artifactId));
    storeReviewState(db, projectId, artifactId, state, events[events.length - 1].createdAt);
    updated++;
  };

  for (let after = ""; ; ) {
    const last = pageEnd.get(after) as string | null;
    if (last === null) break;
    let events: VerdictRow[] = [];
    for (const r of verdicts.all(projectId, after, last) as VerdictRow[]) {
      if (events.length && r.artifactId !== events[0].artifactId) {
        flush(events[0].artifactId, events);
        events = [];
      }
      events.push(r);
    }
    if (events.length) flush(events[0].artifactId, events);
    after = last;
  }
  db.exec(`DROP TABLE temp.touched`);
  return updated;
}
