// The bare reference of the import benchmark, in its own process so that its peak RSS is its own:
// the same lines, COPY'd into one (key, type, jsonb) table, with no validation and no merging.
// Usage: tsx --conditions=react-server bench/import-worker.ts FILE DATABASE_URL
import fs from "node:fs";
import { openDb } from "../lib/db/client";
import { copyRow } from "../lib/db/copy-text";
import { sql } from "../lib/db/sql";
import { readLines } from "../lib/server/import/read-lines";

const [file, url] = process.argv.slice(2);
const db = openDb(url);
await db.exec(sql`CREATE TABLE "bare" ("key" TEXT, "type" TEXT, "doc" JSONB)`);
const started = performance.now();
let lines = 0;
async function* rows() {
  for await (const l of readLines(fs.createReadStream(file, { highWaterMark: 1 << 20 }))) {
    if (!("text" in l)) continue;
    lines++;
    // the key and type as a bare loader would pick them, without parsing the line
    const type = /"type":"(\w+)"/.exec(l.text)?.[1] ?? "";
    const key = /"(?:id|uid|artifact_id)":"([^"]*)"/.exec(l.text)?.[1] ?? "";
    yield copyRow([key, type, l.text]);
  }
}
await db.tx((t) => t.copyIn("bare", ["key", "type", "doc"], rows()));
const seconds = (performance.now() - started) / 1000;
await db.close();
process.stdout.write(`${JSON.stringify({ lines, seconds })}\n`);
