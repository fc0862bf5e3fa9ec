import "server-only";
import { db } from "../../db/client";
import { deleteStoredFiles } from "../../db/stored-files";
import type { SessionUser } from "../../auth/current-user";
import { AppError } from "../../errors";
import { findReplay } from "../import/batch-records";
import type { ImportResult } from "../import/import-batch";
import { awaitImport, queueImport } from "../import/queued-import";
import { spoolUpload } from "../import/spool-upload";

/**
 * A pipeline upload (POST /api/v1/projects/{id}/batches): the request body is stored in the
 * database as it arrives (never held in memory, and cut off past API_MAX_UPLOAD_BYTES), then
 * queued for a worker, which imports it with the same importBatch as the CLI and the upload page;
 * the request waits for the result. Spooling first keeps a slow connection from holding an import's
 * transaction open for as long as it takes to send.
 * Reached through guardApi only, which has loaded the project with the token owner's membership.
 */
export async function uploadBatch(
  user: SessionUser,
  input: { projectId: number; file: string },
  req: { body: ReadableStream<Uint8Array> | null; contentLength: number | null; idempotencyKey: string | null },
): Promise<ImportResult> {
  const key = req.idempotencyKey?.trim() || undefined;
  if (key && key.length > 200) throw new AppError("bad_request", "The Idempotency-Key is at most 200 characters.");
  const replay = key ? await findReplay(input.projectId, key) : null;
  if (replay) return replay;
  if (!req.body) throw new AppError("bad_request", "The request has no body: send the batch as JSON Lines.");
  const spool = await spoolUpload(req.body, req.contentLength, "(with the same Idempotency-Key)");
  try {
    // imported by a worker of the job queue: a big batch takes CPU for tens of seconds, which the
    // server's event loop must not spend (every other request would wait behind it)
    const queued = await queueImport(spool, { projectId: input.projectId, fileName: input.file, actor: { actorId: user.id, actorLabel: user.email }, idempotencyKey: key });
    return await awaitImport(queued);
  } finally {
    await deleteStoredFiles(db(), spool); // passed to its batch once queued
  }
}
