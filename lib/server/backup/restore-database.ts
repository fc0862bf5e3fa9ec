import "server-only";
import fs from "node:fs";
import readline from "node:readline";
import { createGunzip } from "node:zlib";
import { z } from "zod";
import { openDb } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { BACKUP_MAGIC } from "./backup-database";
import { backupTables, ident } from "./backup-tables";
import { finishMoves, prepareMoves, restoreMoved } from "./moved-columns";
import { dropSecondaryIndexes, restoreIndexes } from "./restore-indexes";

const Header = z.object({ createdAt: z.string(), migrations: z.array(z.string()) });
const Section = z.object({ name: z.string(), columns: z.array(z.string()) });
const End = z.object({ tables: z.number(), rows: z.number() });

export interface RestoreSummary {
  createdAt: string;
  tables: number;
  rows: number;
}

/**
 * Brings a backup (backupDatabase) back into the database at `url`, which must be empty and
 * migrated at least as far as the backup's workbench was (a newer workbench restores an older
 * backup; columns added since take their defaults). All or nothing: one transaction, and a file
 * cut off before its END line restores nothing. The tables' secondary indexes are built after
 * their rows are in (restore-indexes.ts); `onIndex` hears of each one built.
 */
export async function restoreDatabase(url: string, file: string, onProgress?: (table: string, rows: number) => void, onIndex?: (name: string) => void): Promise<RestoreSummary> {
  if (!fs.existsSync(file)) throw new AppError("not_found", `${file} does not exist.`);
  const d = openDb(url);
  const input = fs.createReadStream(file).pipe(createGunzip());
  const lines = readline.createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const cutOff = () => new AppError("invalid_input", `${file} ends early (cut off, or not a whole backup); nothing was restored.`);
  const next = async (): Promise<string | null> => {
    try {
      const r = await lines.next();
      return r.done ? null : r.value;
    } catch {
      throw new AppError("invalid_input", `${file} is not a gzip file written by \`cli backup\`; nothing was restored.`);
    }
  };
  try {
    if ((await next()) !== BACKUP_MAGIC) throw new AppError("invalid_input", `${file} is not a backup written by \`cli backup\`; nothing was restored.`);
    const header = Header.parse(JSON.parse((await next()) ?? "null"));
    const applied = (await d.many(row({ name: col.text }), sql`SELECT "name" FROM "workbench_migrations" ORDER BY "id"`)).map((r) => r.name);
    const unknown = header.migrations.filter((m, i) => applied[i] !== m);
    if (unknown.length) {
      throw new AppError(
        "conflict",
        `The backup comes from a workbench with migrations this database lacks (${unknown.slice(0, 3).join(", ")}): restore it with that version of the workbench, or a newer one.`,
      );
    }
    const tables = new Map((await backupTables(d)).map((t) => [t.name, t]));
    for (const name of tables.keys()) {
      const { found } = await d.one(row({ found: col.bool }), sql`SELECT EXISTS (SELECT 1 FROM ${sql.raw(ident(name))}) AS "found"`);
      if (found) throw new AppError("conflict", `Restore needs an empty database, and "${name}" has rows: point DATABASE_URL at a new database (for the embedded one, move DATA_DIR aside first).`);
    }

    return await d.tx(async (t) => {
      // a frozen split version's members may not be added to, except by bringing a backup back
      await t.exec(sql`ALTER TABLE "SplitMember" DISABLE TRIGGER "SplitMember_frozen_insert"`);
      await prepareMoves(t, header.migrations);
      const indexes = await dropSecondaryIndexes(t, [...tables.keys()]);
      let rows = 0;
      let sections = 0;
      for (;;) {
        const line = await next();
        if (line === null) throw cutOff();
        if (line.startsWith("END ")) {
          const end = End.parse(JSON.parse(line.slice(4)));
          if (end.rows !== rows || end.tables !== sections) throw cutOff();
          break;
        }
        if (!line.startsWith("TABLE ")) throw new AppError("invalid_input", `${file} has an unexpected line where a table should start; nothing was restored.`);
        const section = Section.parse(JSON.parse(line.slice(6)));
        const target = tables.get(section.name);
        const missing = section.columns.filter((c) => !target?.columns.includes(c));
        async function* sectionRows() {
          for (;;) {
            const l = await next();
            if (l === null) throw cutOff();
            if (l === "\\.") return;
            yield `${l}\n`;
          }
        }
        // a column since moved to another table (an older backup) goes there
        const n = !target || missing.length ? await restoreMoved(t, section.name, section.columns, missing, sectionRows()) : await t.copyIn(section.name, section.columns, sectionRows());
        if (n === null) throw new AppError("conflict", `The backup's table "${section.name}" (${missing.join(", ") || "the table"}) is not in this database's schema; nothing was restored.`);
        rows += n;
        sections++;
        onProgress?.(section.name, n);
      }
      await restoreIndexes(t, indexes, onIndex);
      await t.exec(sql`ALTER TABLE "SplitMember" ENABLE TRIGGER "SplitMember_frozen_insert"`);
      await finishMoves(t);
      // a backup from before the adjudication list was kept on write (migration 024) has no rows of it
      await t.exec(sql`SELECT workbench_fill_disputes()`);
      // ids go on after the restored ones
      const serials = await t.many(
        row({ table: col.text, column: col.text }),
        sql`SELECT "table_name" AS "table", "column_name" AS "column" FROM information_schema.columns WHERE "table_schema" = 'public' AND "column_default" LIKE 'nextval(%'`,
      );
      for (const s of serials) {
        const table = sql.raw(ident(s.table));
        const column = sql.raw(ident(s.column));
        await t.exec(sql`SELECT setval(pg_get_serial_sequence(${ident(s.table)}, ${s.column}), COALESCE((SELECT max(${column}) FROM ${table}), 0) + 1, false)`);
      }
      return { createdAt: header.createdAt, tables: sections, rows };
    });
  } finally {
    input.destroy();
    await d.close();
  }
}
