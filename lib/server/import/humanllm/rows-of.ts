import "server-only";
import fs from "node:fs";
import readline from "node:readline";
import { quoteBigIntegers } from "../../../domain/humanllm/big-integers";
import { csvRows } from "../../../domain/humanllm/csv-rows";
import { nestingProblem } from "../../../domain/json-depth";
import type { PlatformLayout } from "../../../domain/humanllm/stages";
import { describeJsonError } from "../../../validation/import-line";

type Row = Record<string, unknown>;

/** The rows of a JSON Lines or CSV file, each with its line (or why it is not a row). */
export async function* rowsOf(file: string, format: PlatformLayout["format"]): AsyncGenerator<{ line: number; row: Row | null; error?: string }> {
  if (format === "csv") {
    yield* csvRows(fs.readFileSync(file, "utf8"));
    return;
  }
  // a user's file is small as a rule: read whole, it costs one read instead of a stream's machinery
  if (fs.statSync(file).size <= WHOLE_FILE_BYTES) {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    if (lines.at(-1) === "") lines.pop();
    for (let i = 0; i < lines.length; i++) {
      const row = jsonRow(lines[i].endsWith("\r") ? lines[i].slice(0, -1) : lines[i], i + 1);
      if (row) yield row;
    }
    return;
  }
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    const row = jsonRow(text, ++n);
    if (row) yield row;
  }
}

const WHOLE_FILE_BYTES = 4 << 20;

/** A line of JSON Lines as a row, or why it is none; nothing for a blank line. */
function jsonRow(text: string, line: number): { line: number; row: Row | null; error?: string } | null {
  if (!text.trim()) return null;
  const deep = nestingProblem(text);
  if (deep) return { line, row: null, error: deep };
  try {
    // int64 ids (tweets) as the strings of their digits: as numbers, neighbours collapse into one
    const row = JSON.parse(quoteBigIntegers(text)) as unknown;
    if (typeof row !== "object" || row === null || Array.isArray(row)) return { line, row: null, error: "not a JSON object" };
    return { line, row: row as Row };
  } catch (e) {
    return { line, row: null, error: `not JSON (${describeJsonError(e, text, "line")})` };
  }
}
