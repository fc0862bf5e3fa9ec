import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { Readable, Transform } from "node:stream";
import type { SessionUser } from "../../auth/current-user";
import { dataDir, env } from "../../env";
import { AppError, type ErrorCode } from "../../errors";
import { findReplay, importBatch, type ImportIssue, type ImportResult } from "../import/import-batch";
import { assertDiskRoom, assertUploadFits, uploadTooLarge } from "../disk-room";
import { runRunner } from "../launch-runner";
import type { Actor } from "../record-audit";

/** Bad lines an upload answers with at most (the count is always exact). */
export const MAX_REPORTED_ERRORS = 100_000;

/**
 * A pipeline upload (POST /api/v1/projects/{id}/batches): the request body is spooled to a file
 * beside the database as it arrives (never held in memory, and cut off past API_MAX_UPLOAD_BYTES),
 * then imported from there with the same importBatch as the CLI and the upload page. Spooling first
 * keeps a slow connection from holding the database's write lock for as long as it takes to send.
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
    // imported by a process of its own: a big batch writes for tens of seconds, which the server's
    // event loop must not spend (every other request would wait behind it)
    const job: SpooledImport = { file: spool, projectId: input.projectId, fileName: input.file, actor: { actorId: user.id, actorLabel: user.email }, idempotencyKey: key };
    const out = JSON.parse(await runRunner("run-import", [JSON.stringify(job)])) as ImportResult | { error: { code: ErrorCode; message: string } };
    if ("error" in out) throw new AppError(out.error.code, out.error.message);
    return out;
  } finally {
    fs.rmSync(spool, { force: true });
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

export interface SpooledImport {
  file: string;
  projectId: number;
  fileName: string;
  actor: Actor;
  idempotencyKey?: string;
}

/**
 * `cli run-import JOB`: imports a spooled upload (see uploadBatch) and returns the result with
 * every bad line (up to MAX_REPORTED_ERRORS), for the runner to print.
 */
export async function importSpooled(job: SpooledImport): Promise<ImportResult> {
  const errors: ImportIssue[] = [];
  const result = await importBatch({
    projectId: job.projectId,
    source: fs.createReadStream(job.file, { highWaterMark: 1 << 20 }),
    fileName: job.fileName,
    actor: job.actor,
    idempotencyKey: job.idempotencyKey,
    onError: (issue) => {
      if (errors.length < MAX_REPORTED_ERRORS) errors.push(issue);
    },
  });
  return result.ok ? result : { ...result, errors };
}
