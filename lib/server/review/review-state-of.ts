import "server-only";
import type { Decision } from "../../domain/kinds";
import { deriveReviewState, type LiveVerdict, type ReviewState } from "../../domain/review-state";
import { sqlDate, type Sqlite, stmt } from "../sqlite";

interface EventRow {
  accountId: number;
  decision: string;
  contentJson: string | null;
  reasonsJson: string;
}

/**
 * The events that stand among an artifact's verdict events (ordered by time): the latest per
 * annotator, unless that latest one is a retraction. The one rule for "live", whatever the row shape.
 */
export function latestPerAnnotator<T extends { accountId: number; decision: string }>(events: T[]): T[] {
  const latest = new Map<number, T>();
  for (const e of events) {
    if (e.decision === "retract") latest.delete(e.accountId);
    else latest.set(e.accountId, e);
  }
  return [...latest.values()];
}

/** The live verdicts among an artifact's events (ordered by time), as the review state derives from them. */
export function liveVerdicts(events: EventRow[]): LiveVerdict[] {
  return latestPerAnnotator(events).map((e) => ({ accountId: e.accountId, decision: e.decision as Decision, content: e.contentJson, reasons: JSON.parse(e.reasonsJson) as string[] }));
}

/** Writes an artifact's derived review state; `at` (sqlDate) becomes finalizedAt when the state is final. */
export function storeReviewState(db: Sqlite, projectId: number, artifactId: string, state: ReviewState, at: string): void {
  const final = state.status === "accepted" || state.status === "rejected";
  stmt(db, `UPDATE Artifact SET status = ?, verdictCount = ?, disagreement = ?, finalDecision = ?, finalContentJson = ?, finalizedAt = ?, decidedBy = ?,
    reasonFlags = ? WHERE projectId = ? AND id = ?`).run(
    state.status, state.verdictCount, state.disagreement, state.finalDecision, state.finalContent, final ? at : null, final ? "annotators" : null,
    state.reasonFlags, projectId, artifactId,
  );
}

/** Recomputes and stores one artifact's review state from its verdict events (inside the caller's transaction). */
export function refreshReviewState(db: Sqlite, projectId: number, artifactId: string, overlap: number, now: Date): ReviewState {
  const events = stmt(db, `SELECT accountId, decision, contentJson, reasonsJson FROM VerdictEvent WHERE projectId = ? AND artifactId = ? ORDER BY createdAt, id`)
    .all(projectId, artifactId) as EventRow[];
  const state = deriveReviewState(liveVerdicts(events), overlap);
  storeReviewState(db, projectId, artifactId, state, sqlDate(now));
  return state;
}
