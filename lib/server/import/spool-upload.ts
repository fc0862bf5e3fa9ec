import "server-only";
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { db } from "../../db/client";
import { removeAbandonedFiles, storeStream } from "../../db/stored-files";
import { dataDir, env } from "../../env";
import { AppError } from "../../errors";
import { privateDataDir } from "../../private-files";
import { assertDiskRoom, assertUploadFits, uploadTooLarge } from "../disk-room";

/**
 * Stores an uploaded batch in the database as it arrives (a chunk at a time, never whole in memory),
 * where the worker that imports it reads it on whatever machine it runs, and returns its key:
 * refused before anything is read when its declared size is over the limit or more than the disk
 * can take, and stopped past the limit or when the disk runs short (a chunked body's size is known
 * only as it comes). Nothing stays of an upload that fails. `again` ends the message of an
 * interrupted upload.
 */
export async function spoolUpload(body: ReadableStream<Uint8Array>, contentLength: number | null, again = ""): Promise<string> {
  const dir = privateDataDir(dataDir());
  assertUploadFits(dir, contentLength);
  await removeAbandonedFiles(db());
  const key = `upload/${randomUUID()}`;
  try {
    await storeStream(db(), key, checkedBody(body, dir, contentLength));
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError("bad_request", `The upload was interrupted before the end of the batch; nothing was imported. Upload it again${again ? ` ${again}` : ""}.`);
  }
  return key;
}

const DISK_CHECK_EVERY = 64 << 20;

/**
 * The body's bytes, counted as they pass: past the upload limit, or when the disk runs short, it
 * stops; a body that ends short of the length it declared was cut on its way (a proxy's buffer, a
 * dropped connection) and is refused whole.
 */
async function* checkedBody(body: ReadableStream<Uint8Array>, dir: string, declared: number | null): AsyncIterable<Buffer> {
  let bytes = 0;
  let checkedAt = 0;
  for await (const chunk of Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>)) {
    bytes += (chunk as Buffer).length;
    if (bytes > env.API_MAX_UPLOAD_BYTES) throw uploadTooLarge();
    if (bytes - checkedAt >= DISK_CHECK_EVERY) {
      checkedAt = bytes;
      assertDiskRoom(dir, bytes);
    }
    yield chunk as Buffer;
  }
  if (declared !== null && bytes !== declared) {
    throw new AppError(
      "bad_request",
      `The upload ended after ${bytes.toLocaleString("en")} of the ${declared.toLocaleString("en")} bytes it declared: something between you and the workbench cut it short. Nothing was imported; upload it again.`,
    );
  }
}
