import fs from "node:fs";
import { once } from "node:events";
import { generateDemoBatch } from "../../domain/demo/generate";

export interface DemoCommandOptions {
  out: string;
  users?: number;
  seed?: string;
  annotators?: string[];
}

/** Writes a demo batch in the import format, respecting the stream's back-pressure. Returns the number of lines. */
export async function writeDemoBatch(opts: DemoCommandOptions): Promise<number> {
  const out = fs.createWriteStream(opts.out);
  let lines = 0;
  let buffer = "";
  for (const record of generateDemoBatch({ users: opts.users ?? 50, seed: opts.seed ?? "humanllm-demo", annotators: opts.annotators })) {
    buffer += `${JSON.stringify(record)}\n`;
    lines++;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
  return lines;
}
