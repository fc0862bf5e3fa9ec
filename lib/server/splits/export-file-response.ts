import "server-only";
import fs from "node:fs";
import { Readable } from "node:stream";
import { exportRunFile } from "./export-runs";

const TYPES: Record<string, string> = { jsonl: "application/x-ndjson", json: "application/json", md: "text/markdown; charset=utf-8", tsv: "text/tab-separated-values; charset=utf-8" };

/** One file of a finished export as a streamed download (a train split can be gigabytes). */
export async function exportFileResponse(projectId: number, runId: number, name: string): Promise<Response> {
  const { file, bytes } = await exportRunFile(projectId, runId, name);
  const ext = name.split(".").pop() ?? "";
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
    headers: {
      "Content-Type": TYPES[ext] ?? "application/octet-stream",
      "Content-Length": String(bytes),
      "Content-Disposition": `attachment; filename="${name.replace(/[^\w.-]/g, "_")}"`,
    },
  });
}
