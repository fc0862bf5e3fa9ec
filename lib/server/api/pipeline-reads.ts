import "server-only";
import { z } from "zod";
import type { SessionUser } from "../../auth/current-user";
import { AppError } from "../../errors";
import { loadArtifactRecord } from "../items/load-artifact-record";
import { assertProjectAccess } from "../projects/assert-project-access";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { batchCountColumns } from "../import/batch-counts";

const Batch = row({
  id: col.int,
  fileName: col.text,
  status: col.text,
  bytes: col.int,
  lines: col.int,
  ...batchCountColumns,
  errorCount: col.int,
  issues: col.json(z.unknown()),
  idempotencyKey: col.text.nullable(),
  startedAt: col.date,
  finishedAt: col.date.nullable(),
});

/** An import's status and summary (GET /api/v1/projects/{id}/batches/{batchId}). */
export async function batchStatus(user: SessionUser, input: { projectId: number; batchId: number }) {
  await assertProjectAccess(user, input.projectId);
  const b = await db().maybe(
    Batch,
    sql`SELECT "id", "fileName", "status", "bytes", "lines", "usersNew", "postsNew", "artifactsNew", "verdictsNew", "unchanged", "conflicts", "errorCount", "issuesJson" AS "issues", "idempotencyKey", "startedAt", "finishedAt"
        FROM "ImportBatch" WHERE "id" = ${input.batchId} AND "projectId" = ${input.projectId}`,
  );
  if (!b) throw new AppError("not_found", `Project ${input.projectId} has no batch ${input.batchId}.`);
  return {
    id: b.id,
    fileName: b.fileName,
    status: b.status,
    bytes: b.bytes,
    lines: b.lines,
    summary: { users: b.usersNew, posts: b.postsNew, artifacts: b.artifactsNew, verdicts: b.verdictsNew, unchanged: b.unchanged, conflicts: b.conflicts },
    errorCount: b.errorCount,
    issues: b.issues,
    idempotencyKey: b.idempotencyKey,
    startedAt: b.startedAt,
    finishedAt: b.finishedAt,
  };
}

/** An artifact with its status, final content and every verdict (GET .../artifacts/{artifactId}). */
export async function artifactDetail(user: SessionUser, input: { projectId: number; artifactId: string }) {
  await assertProjectAccess(user, input.projectId);
  const r = await loadArtifactRecord(input.projectId, input.artifactId);
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
    source: r.source,
    verdicts: r.history.map((v) => ({ id: v.verdictId, annotator: v.annotator, decision: v.decision, reasons: v.reasons, comment: v.comment, source: v.source, createdAt: v.createdAt, live: v.live })),
  };
}
