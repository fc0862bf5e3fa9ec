import "server-only";
import { Readable } from "node:stream";
import { db } from "../../db/client";
import { readStoredFile } from "../../db/stored-files";
import { exportFileType } from "../../domain/sft/file-types";
import { exportRunFile } from "./export-runs";

/**
 * One file of a finished export as a streamed download from the database, on any instance (a train
 * split can be gigabytes: it is read a chunk at a time as the client takes it). The listed sha256
 * goes with it as the representation's digest (RFC 9530) and its ETag.
 */
export async function exportFileResponse(projectId: number, runId: number, name: string): Promise<Response> {
  const file = await exportRunFile(projectId, runId, name);
  return new Response(Readable.toWeb(readStoredFile(db(), file)) as ReadableStream, {
    headers: {
      "Content-Type": exportFileType(name),
      "Content-Length": String(file.bytes),
      "Content-Disposition": `attachment; filename="${name.replace(/[^\w.-]/g, "_")}"`,
      "Repr-Digest": `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`,
      ETag: `"${file.sha256}"`,
    },
  });
}
