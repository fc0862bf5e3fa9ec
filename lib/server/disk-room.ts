import "server-only";
import fs from "node:fs";
import { diskRoomProblem } from "../domain/disk-room";
import { env } from "../env";
import { AppError } from "../errors";

/** Free bytes for an unprivileged writer on the file system that holds `dir`. */
export function freeBytes(dir: string): number {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Refuses (507) an upload of `bytes` into `dir` when the disk would keep less than twice its size free. */
export function assertDiskRoom(dir: string, bytes: number): void {
  const problem = diskRoomProblem(freeBytes(dir), bytes);
  if (problem) throw new AppError("insufficient_storage", problem);
}

/** 413: a batch past the upload limit, whether Content-Length said so or the bytes read did. */
export function uploadTooLarge(): AppError {
  return new AppError("payload_too_large", `A batch is at most ${env.API_MAX_UPLOAD_BYTES.toLocaleString("en")} bytes; split it into several uploads.`);
}

/** Refuses an upload of a declared size before anything is read: over the limit (413), or more than the disk can take (507). */
export function assertUploadFits(dir: string, contentLength: number | null): void {
  if (contentLength === null) return;
  if (contentLength > env.API_MAX_UPLOAD_BYTES) throw uploadTooLarge();
  assertDiskRoom(dir, contentLength);
}
