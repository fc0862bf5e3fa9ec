import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { Readable, Transform } from "node:stream";
import type { SessionUser } from "../../auth/current-user";
import { dataDir, env } from "../../env";
import { AppError } from "../../errors";
import { findReplay, type ImportResult } from "../import/import-batch";
import { awaitImport, queueImport } from "../import/queued-import";
import { assertDiskRoom, assertUploadFits, uploadTooLarge } from "../disk-room";

/**
 * A pipeline upload (POST /api/v1/projects/{id}/batches): the request body is spooled to a file
 * under DATA_DIR as it arrives (never held in memory, and cut off past API_MAX_UPLOAD_BYTES), then
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
  const dir = path.join(dataDir(), "uploads");
  fs.mkdirSync(dir, { recursive: true });
  assertUploadFits(dir, req.contentLength);
  removeLeftovers(dir);
  const spool = path.join(dir, `${randomUUID()}.jsonl`);
  try {
    await spoolBody(req.body, spool, dir);
    // imported by a worker of the job queue: a big batch takes CPU for tens of seconds, which the
    // server's event loop must not spend (every other request would wait behind it)
    const queued = await queueImport(spool, { projectId: input.projectId, fileName: input.file, actor: { actorId: user.id, actorLabel: user.email }, idempotencyKey: key });
    return await awaitImport(queued);
  } finally {
    fs.rmSync(spool, { force: true }); // moved to the batch's spool path once queued
  }
}

const DISK_CHECK_EVERY = 64 << 20;

/** Writes the body to `file`, counting its bytes: past the upload limit, or when the disk runs short (a chunked body's size is known only as it comes), it stops. */
async function spoolBody(body: ReadableStream<Uint8Array>, file: string, dir: string): Promise<void> {
  let bytes = 0;
  let checkedAt = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > env.API_MAX_UPLOAD_BYTES) return done(uploadTooLarge());
      if (bytes - checkedAt >= DISK_CHECK_EVERY) {
        checkedAt = bytes;
        try {
          assertDiskRoom(dir, bytes);
        } catch (e) {
          return done(e as Error);
        }
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), limit, fs.createWriteStream(file));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("bad_request", "The upload was interrupted before the end of the batch; nothing was imported. Upload it again (with the same Idempotency-Key).");
  }
}

/** Spool files a crashed server left behind: no upload runs for a day. */
function removeLeftovers(dir: string, now = Date.now()): void {
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > 24 * 3600_000) fs.rmSync(file, { force: true });
    } catch {
      // another request removed it
    }
  }
}
