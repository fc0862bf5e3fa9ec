import "server-only";
import fs from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { openDb } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { diskFull, privateWriteStream } from "../../private-files";
import { backupTables, ident } from "./backup-tables";

export const BACKUP_MAGIC = "HUMANLLM-WORKBENCH-BACKUP 1";

export interface BackupSummary {
  tables: number;
  rows: number;
  bytes: number;
}

/**
 * Writes a consistent snapshot of the database at `url` to `file` (gzip): every table of the
 * workbench as of one moment (one REPEATABLE READ transaction, so writes going on meanwhile are
 * either wholly in or wholly out), in COPY's text format, parents before children. The format:
 * a magic line, a JSON header (when, which migrations), then per table a `TABLE {json}` line, its
 * rows and a `\.` line, and an `END {json}` line whose absence marks a cut-off file. The file is
 * mode 600, also when it replaces one that others could read.
 */
export async function backupDatabase(url: string, file: string, onProgress?: (table: string, rows: number) => void): Promise<BackupSummary> {
  const d = openDb(url);
  const out = createGzip();
  const sink = privateWriteStream(file);
  // a write that fails (a full disk) ends the pipeline, and every write waiting on it, with its error
  const written = pipeline(out, sink);
  written.catch(() => undefined); // awaited below, or raced by a write
  const write = async (chunk: string | Buffer) => {
    if (!out.write(chunk)) await Promise.race([once(out, "drain"), written]);
  };
  let rows = 0;
  try {
    const tables = await d.tx(async (t) => {
      await t.exec(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
      const migrations = (await t.many(row({ name: col.text }), sql`SELECT "name" FROM "workbench_migrations" ORDER BY "id"`)).map((r) => r.name);
      const list = await backupTables(t);
      await write(`${BACKUP_MAGIC}\n${JSON.stringify({ createdAt: new Date().toISOString(), migrations })}\n`);
      for (const table of list) {
        await write(`TABLE ${JSON.stringify({ name: table.name, columns: table.columns })}\n`);
        const order = table.key.length ? ` ORDER BY ${table.key.map(ident).join(", ")}` : "";
        let n = 0;
        for await (const chunk of t.copyOut(sql.raw(`SELECT ${table.columns.map(ident).join(", ")} FROM ${ident(table.name)}${order}`))) {
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
          await write(chunk);
        }
        await write("\\.\n");
        rows += n;
        onProgress?.(table.name, n);
      }
      await write(`END ${JSON.stringify({ tables: list.length, rows })}\n`);
      return list.length;
    });
    out.end();
    await written;
    return { tables, rows, bytes: fs.statSync(file).size };
  } catch (e) {
    out.destroy();
    sink.destroy();
    fs.rmSync(file, { force: true });
    throw diskFull(e)
      ? new AppError("insufficient_storage", `The disk is full where the backup goes (${path.dirname(file)}), so no backup was kept. Free space there, or write it somewhere with room.`)
      : e;
  } finally {
    await d.close();
  }
}
