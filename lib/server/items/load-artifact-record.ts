import "server-only";
import { flagKinds, type HighlightKind } from "../../domain/highlights";
import { riskyChecksOf, type RiskyCheck } from "../../domain/risky-checks";
import { rawDb } from "../raw-db";
import { latestPerAnnotator } from "../review/review-state-of";
import { loadReviewItem, type ReviewItem } from "../review/load-review-item";
import { stmt, type Sqlite } from "../sqlite";

export interface VerdictHistoryEntry {
  verdictId: number;
  annotator: string;
  decision: string;
  reasons: string[];
  comment: string | null;
  diff: { field: string; before: string | null; after: string | null }[] | null;
  durationMs: number | null;
  source: string;
  /** the failed checks this verdict accepted over, after confirming them */
  overrode: RiskyCheck[];
  /** for imported verdicts: the batch and the line they came from */
  batchId: number | null;
  line: number | null;
  createdAt: string;
  /** false for verdicts a later one of the same annotator superseded, and for retractions */
  live: boolean;
}

export interface ArtifactRecord {
  item: ReviewItem;
  status: string;
  decidedBy: string | null;
  finalDecision: string | null;
  finalContent: Record<string, unknown> | null;
  finalizedAt: string | null;
  isGold: boolean;
  goldDecision: string | null;
  flags: HighlightKind[];
  importedAt: string;
  batchId: number | null;
  line: number | null;
  history: VerdictHistoryEntry[];
  adjudications: { lead: string; decision: string; reasons: string[]; note: string; createdAt: string }[];
}

/** Everything known about one artifact, for the lead's read-only view: the evidence, every verdict ever given, the decision. */
export function loadArtifactRecord(projectId: number, artifactId: string, db: Sqlite = rawDb()): ArtifactRecord {
  const item = loadReviewItem(db, projectId, artifactId, { blind: false });
  const a = stmt(
    db,
    `SELECT status, decidedBy, finalDecision, finalContentJson, finalizedAt, isGold, goldDecision, flags, importedAt, batchId, line
     FROM Artifact WHERE projectId = ? AND id = ?`,
  ).get(projectId, artifactId) as {
    status: string; decidedBy: string | null; finalDecision: string | null; finalContentJson: string | null; finalizedAt: string | null;
    isGold: number; goldDecision: string | null; flags: number | null; importedAt: string; batchId: number | null; line: number | null;
  };
  const events = stmt(
    db,
    `SELECT v.id, a.email, v.accountId, v.decision, v.reasonsJson, v.comment, v.diffJson, v.durationMs, v.overrideFlags, v.source, v.batchId, v.line, v.createdAt
     FROM VerdictEvent v JOIN Account a ON a.id = v.accountId WHERE v.projectId = ? AND v.artifactId = ? ORDER BY v.createdAt, v.id`,
  ).all(projectId, artifactId) as { id: number; email: string; accountId: number; decision: string; reasonsJson: string; comment: string | null; diffJson: string | null; durationMs: number | null; overrideFlags: number; source: string; batchId: number | null; line: number | null; createdAt: string }[];
  const live = new Set(latestPerAnnotator(events).map((e) => e.id));
  const adjudications = stmt(
    db,
    `SELECT a.email AS lead, j.decision, j.reasonsJson, j.note, j.createdAt FROM Adjudication j JOIN Account a ON a.id = j.leadId
     WHERE j.projectId = ? AND j.artifactId = ? ORDER BY j.createdAt, j.id`,
  ).all(projectId, artifactId) as { lead: string; decision: string; reasonsJson: string; note: string; createdAt: string }[];
  return {
    item,
    status: a.status,
    decidedBy: a.decidedBy,
    finalDecision: a.finalDecision,
    finalContent: a.finalContentJson ? JSON.parse(a.finalContentJson) : null,
    finalizedAt: a.finalizedAt,
    isGold: a.isGold === 1,
    goldDecision: a.goldDecision,
    flags: flagKinds(a.flags ?? 0),
    importedAt: a.importedAt,
    batchId: a.batchId,
    line: a.line,
    history: events.map((e) => ({
      verdictId: e.id,
      annotator: e.email,
      decision: e.decision,
      reasons: JSON.parse(e.reasonsJson),
      comment: e.comment,
      diff: e.diffJson ? JSON.parse(e.diffJson) : null,
      durationMs: e.durationMs,
      overrode: riskyChecksOf(e.overrideFlags),
      source: e.source,
      batchId: e.batchId,
      line: e.line,
      createdAt: e.createdAt,
      live: live.has(e.id),
    })),
    adjudications: adjudications.map((j) => ({ lead: j.lead, decision: j.decision, reasons: JSON.parse(j.reasonsJson), note: j.note, createdAt: j.createdAt })),
  };
}
