import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { Readable, Transform } from "node:stream";
import { dataDir, env } from "../../env";
import { AppError } from "../../errors";
import { privateDataDir, privateWriteStream } from "../../private-files";
import { assertDiskRoom, assertUploadFits, uploadTooLarge } from "../disk-room";

/**
 * Writes an uploaded batch to a file under DATA_DIR/uploads as it arrives (never held in memory)
 * and returns the file (mode 600, in a folder of 700): refused before anything is read when its
 * declared size is over the limit or more than the disk can take, and stopped past the limit or when
 * the disk runs short (a chunked body's size is known only as it comes). `again` ends the message
 * of an interrupted upload.
 */
export async function spoolUpload(body: ReadableStream<Uint8Array>, contentLength: number | null, again = ""): Promise<string> {
  const dir = privateDataDir(dataDir(), "uploads");
  assertUploadFits(dir, contentLength);
  removeLeftovers(dir);
  const file = path.join(dir, `${randomUUID()}.jsonl`);
  try {
    await spoolBody(body, file, dir, contentLength);
  } catch (e) {
    fs.rmSync(file, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError("bad_request", `The upload was interrupted before the end of the batch; nothing was imported. Upload it again${again ? ` ${again}` : ""}.`);
  }
  return file;
}

const DISK_CHECK_EVERY = 64 << 20;

/**
 * Writes the body to `file`, counting its bytes: past the upload limit, or when the disk runs short
 * (a chunked body's size is known only as it comes), it stops; a body that ends short of the length
 * it declared was cut on its way (a proxy's buffer, a dropped connection) and is refused whole.
 */
async function spoolBody(body: ReadableStream<Uint8Array>, file: string, dir: string, declared: number | null): Promise<void> {
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
    flush(done) {
      if (declared === null || bytes === declared) return done();
      done(
        new AppError(
          "bad_request",
          `The upload ended after ${bytes.toLocaleString("en")} of the ${declared.toLocaleString("en")} bytes it declared: something between you and the workbench cut it short. Nothing was imported; upload it again.`,
        ),
      );
    },
  });
  await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), limit, privateWriteStream(file));
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
