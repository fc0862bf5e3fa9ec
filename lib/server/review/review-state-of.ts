import "server-only";
import type { Decision } from "../../domain/kinds";
import { deriveReviewState, isFinal, type LiveVerdict, type ReviewState, type Ruling } from "../../domain/review-state";
import { sqlDate, type Sqlite, stmt } from "../sqlite";

interface EventRow {
  accountId: number;
  decision: string;
  contentJson: string | null;
  reasonsJson: string;
  overrideFlags?: number;
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
  return latestPerAnnotator(events).map((e) => ({
    accountId: e.accountId,
    decision: e.decision as Decision,
    content: e.contentJson,
    reasons: JSON.parse(e.reasonsJson) as string[],
    overrideFlags: e.overrideFlags ?? 0,
  }));
}

/** Writes an artifact's derived review state; `at` (sqlDate) becomes finalizedAt when the state is final. */
export function storeReviewState(db: Sqlite, projectId: number, artifactId: string, state: ReviewState, at: string): void {
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
export function rulingOf(db: Sqlite, projectId: number, artifactId: string): Ruling | null {
  const adjudication = stmt(db, `SELECT decision, contentJson, reasonsJson FROM Adjudication WHERE projectId = ? AND artifactId = ? ORDER BY id DESC LIMIT 1`)
    .get(projectId, artifactId) as { decision: Decision; contentJson: string | null; reasonsJson: string } | undefined;
  if (adjudication) return { by: "lead", decision: adjudication.decision, content: adjudication.contentJson, reasons: JSON.parse(adjudication.reasonsJson) as string[] };
  const rules = stmt(db, `SELECT finalDecision FROM Artifact WHERE projectId = ? AND id = ? AND decidedBy = 'rules'`).pluck().get(projectId, artifactId) as Decision | undefined;
  return rules ? { by: "rules", decision: rules } : null;
}

/** Recomputes and stores one artifact's review state from its verdict events and its ruling (inside the caller's transaction). */
export function refreshReviewState(db: Sqlite, projectId: number, artifactId: string, overlap: number, now: Date): ReviewState {
  const events = stmt(db, `SELECT accountId, decision, contentJson, reasonsJson, overrideFlags FROM VerdictEvent WHERE projectId = ? AND artifactId = ? ORDER BY createdAt, id`)
    .all(projectId, artifactId) as EventRow[];
  const state = deriveReviewState(liveVerdicts(events), overlap, rulingOf(db, projectId, artifactId));
  storeReviewState(db, projectId, artifactId, state, sqlDate(now));
  return state;
}
