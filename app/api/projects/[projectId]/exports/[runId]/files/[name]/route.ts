import fs from "node:fs";
import { Readable } from "node:stream";
import { z } from "zod";
import { guardRoute } from "@/lib/auth/guard";
import { exportRunFile } from "@/lib/server/splits/export-runs";

const input = z.object({
  projectId: z.coerce.number().int().positive(),
  runId: z.coerce.number().int().positive(),
  name: z.string().min(1).max(200),
});

const TYPES: Record<string, string> = { jsonl: "application/x-ndjson", json: "application/json", md: "text/markdown; charset=utf-8", tsv: "text/tab-separated-values; charset=utf-8" };

/** One file of a finished export, streamed from disk (a train split can be gigabytes). */
export const GET = guardRoute({ permission: "split:manage", input }, async ({ input: { projectId, runId, name } }) => {
  const { file, bytes } = exportRunFile(projectId, runId, name);
  const ext = name.split(".").pop() ?? "";
  return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, {
    headers: {
      "Content-Type": TYPES[ext] ?? "application/octet-stream",
      "Content-Length": String(bytes),
      "Content-Disposition": `attachment; filename="${name.replace(/[^\w.-]/g, "_")}"`,
    },
  });
});
