import "server-only";
import fs from "node:fs";
import { Readable } from "node:stream";
import { exportFileType } from "../../domain/sft/file-types";
import { exportRunFile } from "./export-runs";

/** One file of a finished export as a streamed download (a train split can be gigabytes). */
export async function exportFileResponse(projectId: number, runId: number, name: string): Promise<Response> {
  const { file, bytes } = await exportRunFile(projectId, runId, name);
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
    headers: {
      "Content-Type": exportFileType(name),
      "Content-Length": String(bytes),
      "Content-Disposition": `attachment; filename="${name.replace(/[^\w.-]/g, "_")}"`,
    },
  });
}
