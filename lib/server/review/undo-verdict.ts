import "server-only";
import type { ReviewState } from "../../domain/review-state";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { rawDb } from "../raw-db";
import { immediate, sqlDate, type Sqlite, stmt } from "../sqlite";
import { refreshReviewState, rulingOf } from "./review-state-of";

export interface UndoneVerdict {
  artifactId: string;
  leaseExpiresAt: string;
  retractionId: number;
  state: ReviewState;
}

/**
 * Takes back the annotator's last verdict in the project while the lease it was given under is
 * still live. Nothing is deleted: a `retract` event supersedes the verdict, the lease opens again so
 * the annotator can give a new verdict, and the review status is recomputed.
 */
export function undoLastVerdict(projectId: number, actor: Actor & { actorId: number }, opts: { db?: Sqlite; now?: Date } = {}): UndoneVerdict {
  const db = opts.db ?? rawDb();
  const now = opts.now ?? new Date();
  const at = sqlDate(now);
  return immediate(db, (): UndoneVerdict => {
    const last = stmt(db, `SELECT v.id, v.artifactId, v.decision, l.id AS leaseId, l.expiresAt, p.overlap
                FROM VerdictEvent v JOIN Project p ON p.id = v.projectId
                LEFT JOIN Lease l ON l.projectId = v.projectId AND l.artifactId = v.artifactId AND l.accountId = v.accountId AND l.outcome = 'verdict'
                WHERE v.projectId = ? AND v.accountId = ? AND v.source = 'review'
                ORDER BY v.id DESC, l.id DESC LIMIT 1`)
      .get(projectId, actor.actorId) as { id: number; artifactId: string; decision: string; leaseId: number | null; expiresAt: string | null; overlap: number } | undefined;
    if (!last || last.decision === "retract") throw new AppError("conflict", "There is no verdict of yours to undo.");
    if (rulingOf(db, projectId, last.artifactId)?.by === "lead") {
      throw new AppError("conflict", "A lead has adjudicated this artifact since your verdict; the decision is final, so your verdict can no longer be undone.");
    }
    if (!last.leaseId || !last.expiresAt || last.expiresAt <= at) {
      throw new AppError("conflict", "The lease of your last verdict has run out, so it can no longer be undone here. Ask a lead to adjudicate.");
    }
    const r = stmt(db, `INSERT INTO VerdictEvent (projectId, artifactId, accountId, decision, supersedesId, source, createdAt) VALUES (?, ?, ?, 'retract', ?, 'review', ?)`)
      .run(projectId, last.artifactId, actor.actorId, last.id, at);
    stmt(db, `UPDATE Lease SET releasedAt = NULL, outcome = NULL WHERE id = ?`).run(last.leaseId);
    const state = refreshReviewState(db, projectId, last.artifactId, last.overlap, now);
    const retractionId = Number(r.lastInsertRowid);
    writeAudit(db, { ...actor, action: "verdict.retracted", entityType: "VerdictEvent", entityId: last.id, projectId, after: { retractionId, artifactId: last.artifactId, status: state.status } }, now);
    return { artifactId: last.artifactId, leaseExpiresAt: last.expiresAt, retractionId, state };
  });
}
