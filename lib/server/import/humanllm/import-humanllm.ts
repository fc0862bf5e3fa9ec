import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Actor } from "../../record-audit";
import { importIntoNamedProject, type NamedImportResult } from "../import-into-named-project";
import { readHumanLlm } from "./read-humanllm";
import type { ReadProblem, ReadSummary } from "./read-summary";
import { placeOfRecord } from "../../../domain/humanllm/record-place";
import { BATCH_READ_BYTES, readLines } from "../read-lines";

export interface HumanLlmImport {
  ok: boolean;
  /** what the directory held, and what of it was skipped */
  read: ReadSummary;
  /** every problem at its stage file and line: the directory's own, then the importer's */
  problems: ReadProblem[];
  /** the import, when the directory could be read */
  result: NamedImportResult | null;
}

/**
 * Imports what the HumanLLM pipeline wrote under `dir` into the project of this name (created if
 * missing), through the same all-or-nothing importer as any batch: the directory is read into a
 * batch first, and every problem, the reader's or the importer's, is told at the stage file and
 * line it came from. With any problem nothing is imported.
 */
/** How far an import has come: the directory's users read into the batch, then the batch's bytes imported. */
export type HumanLlmProgress = { phase: "reading"; done: number; total: number } | { phase: "importing"; done: number; total: number; lines: number };

export async function importHumanLlm(
  dir: string,
  project: string,
  opts: { actor: Actor; assign?: string[]; onProblem?: (p: ReadProblem) => void; onProgress?: (p: HumanLlmProgress) => void },
): Promise<HumanLlmImport> {
  const spool = fs.mkdtempSync(path.join(os.tmpdir(), "humanllm-"));
  const batch = path.join(spool, "batch.jsonl");
  try {
    const read = await readHumanLlm(dir, batch, { onProgress: (done, total) => opts.onProgress?.({ phase: "reading", done, total }) });
    if (read.problems.length) {
      read.problems.forEach((p) => opts.onProblem?.(p));
      return { ok: false, read: read.summary, problems: read.problems, result: null };
    }
    // the importer tells problems by batch line; each is told at its stage file and line once the
    // import is over, read off the line's record (no table of places is kept beside the batch)
    const issues: { line: number; reason: string }[] = [];
    const tell = (i: { line: number; reason: string }) => void (issues.length < PROBLEMS_KEPT && issues.push(i));
    const size = fs.statSync(batch).size;
    const result = await importIntoNamedProject(project, null, {
      assign: opts.assign,
      onProgress: (p) => opts.onProgress?.({ phase: "importing", done: p.bytes, total: size, lines: p.lines }),
      source: fs.createReadStream(batch, { highWaterMark: BATCH_READ_BYTES }),
      fileName: `humanllm:${path.resolve(dir)}`,
      actor: opts.actor,
      onError: tell,
      onConflict: tell,
    });
    if (!result.ok && issues.length === 0) issues.push(...result.errors);
    const places = await placesOf(batch, new Set(issues.map((i) => i.line)));
    const problems = issues.map((i) => ({ at: places.get(i.line) ?? (i.line ? `batch line ${i.line}` : path.basename(dir)), reason: i.reason }));
    problems.forEach((p) => opts.onProblem?.(p));
    return { ok: result.ok, read: read.summary, problems, result };
  } finally {
    fs.rmSync(spool, { recursive: true, force: true });
  }
}

const PROBLEMS_KEPT = 1000;

/** The stage file and line of each of these lines of the batch, read off their records in one pass. */
async function placesOf(batch: string, lines: ReadonlySet<number>): Promise<Map<number, string>> {
  const places = new Map<number, string>();
  if (lines.size === 0) return places;
  for await (const raw of readLines(fs.createReadStream(batch, { highWaterMark: BATCH_READ_BYTES }))) {
    if (!lines.has(raw.line) || !("text" in raw)) continue;
    const place = placeOfRecord(JSON.parse(raw.text));
    if (place) places.set(raw.line, place);
    if (places.size === lines.size) break;
  }
  return places;
}
