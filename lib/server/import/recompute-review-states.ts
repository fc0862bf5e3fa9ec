import { deriveReviewState, type LabelMode, type LiveVerdict } from "../../domain/review-state";
import type { Decision } from "../../domain/kinds";
import { sqlDate, type Sqlite } from "../sqlite";

const PAGE = 500;

/**
 * Brings the status of every artifact that received verdict events after `afterVerdictId` in step
 * with its live verdicts (the latest event per annotator). Artifacts a lead adjudicated stay final.
 */
export function recomputeReviewStates(db: Sqlite, projectId: number, afterVerdictId: number): number {
  const project = db.prepare(`SELECT overlap, labelMode FROM Project WHERE id = ?`).get(projectId) as { overlap: number; labelMode: LabelMode };
  db.exec(`DROP TABLE IF EXISTS temp.touched`);
  db.exec(`CREATE TEMP TABLE touched (artifactId TEXT PRIMARY KEY) WITHOUT ROWID`);
  db.prepare(`INSERT OR IGNORE INTO temp.touched SELECT artifactId FROM VerdictEvent WHERE projectId = ? AND id > ?`).run(projectId, afterVerdictId);
  // pages of artifacts: better-sqlite3 cannot write while an iterator is open on the connection
  const page = db.prepare(
    `SELECT v.artifactId, v.accountId, v.decision, v.contentJson
     FROM VerdictEvent v
     WHERE v.projectId = ? AND v.artifactId IN (SELECT artifactId FROM temp.touched WHERE artifactId > ? ORDER BY artifactId LIMIT ${PAGE})
       AND NOT EXISTS (SELECT 1 FROM Adjudication j WHERE j.projectId = v.projectId AND j.artifactId = v.artifactId)
     ORDER BY v.artifactId, v.accountId, v.createdAt, v.id`,
  );
  const lastOfPage = db.prepare(`SELECT MAX(artifactId) FROM (SELECT artifactId FROM temp.touched WHERE artifactId > ? ORDER BY artifactId LIMIT ${PAGE})`).pluck();
  const update = db.prepare(
    `UPDATE Artifact SET status = ?, verdictCount = ?, finalDecision = ?, finalContentJson = ?, finalizedAt = ?
     WHERE projectId = ? AND id = ?`,
  );
  const now = sqlDate(new Date());
  let updated = 0;
  const flush = (artifactId: string, latest: Map<number, LiveVerdict | null>) => {
    const live = [...latest.values()].filter((v): v is LiveVerdict => v !== null);
    const state = deriveReviewState(live, project.overlap, project.labelMode);
    const final = state.status === "accepted" || state.status === "rejected";
    update.run(state.status, state.verdictCount, state.finalDecision, state.finalContent, final ? now : null, projectId, artifactId);
    updated++;
  };

  for (let after = ""; ; ) {
    const last = lastOfPage.get(after) as string | null;
    if (last === null) break;
    const rows = page.all(projectId, after) as { artifactId: string; accountId: number; decision: string; contentJson: string | null }[];
    let current: string | null = null;
    let latest = new Map<number, LiveVerdict | null>();
    for (const r of rows) {
      if (r.artifactId !== current) {
        if (current !== null) flush(current, latest);
        current = r.artifactId;
        latest = new Map();
      }
      // a later event of the same annotator supersedes the earlier one; a retraction withdraws it
      latest.set(r.accountId, r.decision === "retract" ? null : { accountId: r.accountId, decision: r.decision as Decision, content: r.contentJson });
    }
    if (current !== null) flush(current, latest);
    after = last;
  }
  db.exec(`DROP TABLE temp.touched`);
  return updated;
}
