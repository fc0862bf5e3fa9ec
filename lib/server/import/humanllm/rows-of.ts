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
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (!text.trim()) continue;
    const deep = nestingProblem(text);
    if (deep) {
      yield { line: n, row: null, error: deep };
      continue;
    }
    try {
      // int64 ids (tweets) as the strings of their digits: as numbers, neighbours collapse into one
      const row = JSON.parse(quoteBigIntegers(text)) as unknown;
      if (typeof row !== "object" || row === null || Array.isArray(row)) yield { line: n, row: null, error: "not a JSON object" };
      else yield { line: n, row: row as Row };
    } catch (e) {
      yield { line: n, row: null, error: `not JSON (${describeJsonError(e, text, "line")})` };
    }
  }
}
