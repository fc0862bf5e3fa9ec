import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { AppError } from "../../errors";
import { loadArtifactRecord } from "../items/load-artifact-record";
import { assertProjectAccess } from "../projects/assert-project-access";
import { rawDb } from "../raw-db";
import { stmt, type Sqlite } from "../sqlite";

/** An import's status and summary (GET /api/v1/projects/{id}/batches/{batchId}). */
export async function batchStatus(user: SessionUser, input: { projectId: number; batchId: number }, db: Sqlite = rawDb()) {
  await assertProjectAccess(user, input.projectId);
  const b = stmt(
    db,
    `SELECT id, fileName, status, bytes, lines, usersNew, postsNew, artifactsNew, verdictsNew, unchanged, conflicts, errorCount, issuesJson, idempotencyKey, startedAt, finishedAt
     FROM ImportBatch WHERE id = ? AND projectId = ?`,
  ).get(input.batchId, input.projectId) as
    | { id: number; fileName: string; status: string; bytes: number; lines: number; usersNew: number; postsNew: number; artifactsNew: number; verdictsNew: number; unchanged: number; conflicts: number; errorCount: number; issuesJson: string; idempotencyKey: string | null; startedAt: string; finishedAt: string | null }
    | undefined;
  if (!b) throw new AppError("not_found", `Project ${input.projectId} has no batch ${input.batchId}.`);
  return {
    id: b.id,
    fileName: b.fileName,
    status: b.status,
    bytes: b.bytes,
    lines: b.lines,
    summary: { users: b.usersNew, posts: b.postsNew, artifacts: b.artifactsNew, verdicts: b.verdictsNew, unchanged: b.unchanged, conflicts: b.conflicts },
    errorCount: b.errorCount,
    issues: JSON.parse(b.issuesJson),
    idempotencyKey: b.idempotencyKey,
    startedAt: b.startedAt,
    finishedAt: b.finishedAt,
  };
}

/** An artifact with its status, final content and every verdict (GET .../artifacts/{artifactId}). */
export async function artifactDetail(user: SessionUser, input: { projectId: number; artifactId: string }, db: Sqlite = rawDb()) {
  await assertProjectAccess(user, input.projectId);
  const r = loadArtifactRecord(input.projectId, input.artifactId, db);
  return {
    id: r.item.artifactId,
    uid: r.item.uid,
    platform: r.item.platform,
    kind: r.item.kind,
    flavor: r.item.flavor ?? null,
    content: r.item.content,
    status: r.status,
    finalDecision: r.finalDecision,
    finalContent: r.finalContent ?? (r.finalDecision && r.finalDecision !== "reject" ? r.item.content : null),
    decidedBy: r.decidedBy,
    finalizedAt: r.finalizedAt,
    verdicts: r.history.map((v) => ({ id: v.verdictId, annotator: v.annotator, decision: v.decision, reasons: v.reasons, comment: v.comment, source: v.source, createdAt: v.createdAt, live: v.live })),
  };
}
