import "server-only";
import { deriveReviewState } from "../../domain/review-state";
import type { Decision } from "../../domain/kinds";
import { isFinal, type ReviewState, type Ruling } from "../../domain/review-state";
import { liveVerdicts } from "../review/review-state-of";
import { stmt, type Sqlite } from "../sqlite";

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

// The import still writes through its own synchronous SQLite connection; these go with it when
// the import moves to PostgreSQL (lib/server/review/review-state-of.ts has the asynchronous ones).
/** Writes an artifact's derived review state; `at` (sqlDate) becomes finalizedAt when the state is final. */
function storeReviewState(db: Sqlite, projectId: number, artifactId: string, state: ReviewState, at: string): void {
  stmt(db, `UPDATE Artifact SET status = ?, verdictCount = ?, disagreement = ?, finalDecision = ?, finalContentJson = ?,
    finalizedAt = CASE WHEN ? THEN COALESCE(CASE WHEN decidedBy = ? THEN finalizedAt END, ?) END, decidedBy = ?, reasonFlags = ?, overrideFlags = ?
    WHERE projectId = ? AND id = ?`).run(
    state.status, state.verdictCount, state.disagreement, state.finalDecision, state.finalContent,
    isFinal(state) ? 1 : 0, state.decidedBy, at, state.decidedBy, state.reasonFlags, state.overrideFlags, projectId, artifactId,
  );
}

/**
 * What outranks an artifact's verdicts: its lead's adjudication (the latest, if a lead decided twice)
 * or the triage rule that decided it.
 */
function rulingOf(db: Sqlite, projectId: number, artifactId: string): Ruling | null {
  const adjudication = stmt(db, `SELECT decision, contentJson, reasonsJson FROM Adjudication WHERE projectId = ? AND artifactId = ? ORDER BY id DESC LIMIT 1`)
    .get(projectId, artifactId) as { decision: Decision; contentJson: string | null; reasonsJson: string } | undefined;
  if (adjudication) return { by: "lead", decision: adjudication.decision, content: adjudication.contentJson, reasons: JSON.parse(adjudication.reasonsJson) as string[] };
  const rules = stmt(db, `SELECT finalDecision FROM Artifact WHERE projectId = ? AND id = ? AND decidedBy = 'rules'`).pluck().get(projectId, artifactId) as Decision | undefined;
  return rules ? { by: "rules", decision: rules } : null;
}

