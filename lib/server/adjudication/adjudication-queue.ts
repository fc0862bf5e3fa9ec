import "server-only";
import { rawDb } from "../raw-db";
import { latestPerAnnotator } from "../review/review-state-of";
import { stmt, type Sqlite } from "../sqlite";

export interface DisputedVerdict {
  verdictId: number;
  annotator: string;
  decision: string;
  reasons: string[];
  comment: string | null;
  content: Record<string, unknown> | null;
  diff: { field: string; before: string | null; after: string | null }[] | null;
  createdAt: string;
}

/** Disputed artifacts, most disagreement first (then oldest import), a page at a time. */
export function disputedArtifacts(projectId: number, opts: { db?: Sqlite; limit?: number; offset?: number } = {}) {
  const db = opts.db ?? rawDb();
  const rows = stmt(
    db,
    `SELECT id, kind, flavor, uid, disagreement, verdictCount FROM Artifact WHERE projectId = ? AND status = 'disputed'
     ORDER BY disagreement DESC, importedAt, id LIMIT ? OFFSET ?`,
  ).all(projectId, opts.limit ?? 50, opts.offset ?? 0) as { id: string; kind: string; flavor: string | null; uid: string; disagreement: number; verdictCount: number }[];
  const total = stmt(db, `SELECT COUNT(*) FROM Artifact WHERE projectId = ? AND status = 'disputed'`).pluck().get(projectId) as number;
  return { rows, total };
}

/** The live verdicts of an artifact (the latest per annotator, retractions removed), oldest first, with who gave them. */
export function liveVerdictsOf(projectId: number, artifactId: string, db: Sqlite = rawDb()): DisputedVerdict[] {
  const events = stmt(
    db,
    `SELECT v.id, a.email, v.accountId, v.decision, v.reasonsJson, v.comment, v.contentJson, v.diffJson, v.createdAt
     FROM VerdictEvent v JOIN Account a ON a.id = v.accountId WHERE v.projectId = ? AND v.artifactId = ? ORDER BY v.createdAt, v.id`,
  ).all(projectId, artifactId) as { id: number; email: string; accountId: number; decision: string; reasonsJson: string; comment: string | null; contentJson: string | null; diffJson: string | null; createdAt: string }[];
  return latestPerAnnotator(events).map((e) => ({
    verdictId: e.id,
    annotator: e.email,
    decision: e.decision,
    reasons: JSON.parse(e.reasonsJson),
    comment: e.comment,
    content: e.contentJson ? JSON.parse(e.contentJson) : null,
    diff: e.diffJson ? JSON.parse(e.diffJson) : null,
    createdAt: e.createdAt,
  }));
}
