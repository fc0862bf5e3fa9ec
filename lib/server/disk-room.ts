import "server-only";
import fs from "node:fs";
import { diskRoomProblem } from "../domain/disk-room";
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
