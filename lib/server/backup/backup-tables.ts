import "server-only";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";

/** What a backup holds of a table: its columns, and the key it is read in. */
export interface BackupTable {
  name: string;
  columns: string[];
  key: string[];
}

/**
 * Tables a backup leaves out: the migrations' own bookkeeping (the header lists them), the leases
 * of running jobs (jobs and their queue are not backed up: a restored run that was running shows as
 * stalled and is started again), and stored files (an export's files, which an export run writes
 * again, and uploads waiting for a worker: gigabytes a backup need not carry), and the tallies
 * (migrations 023 and 028), which the restore's own writes count again.
 */
const SKIPPED = new Set(["workbench_migrations", "JobLease", "StoredFile", "StoredFileChunk", "ArtifactTally", "DailyTally", "FacetTally"]);
/**
 * Columns a restore leaves to their default: the verdict feed's transaction ids belong to the
 * server that wrote them (restored, they would hide events until the new server's ids passed them).
 */
const LOCAL = new Set(["VerdictEvent.txid"]);

const Name = row({ name: col.text });
const Edge = row({ child: col.text, parent: col.text });

/** The workbench's tables, parents before children (so a restore meets every reference it checks). */
export async function backupTables(q: Queryable): Promise<BackupTable[]> {
  const names = (
    await q.many(
      Name,
      sql`SELECT c."relname" AS "name" FROM pg_class c JOIN pg_namespace n ON n."oid" = c."relnamespace"
                                          WHERE n."nspname" = 'public' AND c."relkind" IN ('r', 'p') ORDER BY 1`,
    )
  )
    .map((r) => r.name)
    .filter((n) => !SKIPPED.has(n));
  const edges = await q.many(
    Edge,
    sql`SELECT c."conrelid"::regclass::text AS "child", c."confrelid"::regclass::text AS "parent" FROM pg_constraint c
                                       WHERE c."contype" = 'f' AND c."connamespace" = 'public'::regnamespace AND c."conrelid" <> c."confrelid"`,
  );
  const unquote = (s: string) => s.replace(/^"|"$/g, "");
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const e of edges) parents.get(unquote(e.child))?.add(unquote(e.parent));
  const ordered: string[] = [];
  const visit = (n: string, path: Set<string>) => {
    if (ordered.includes(n) || path.has(n)) return;
    path.add(n);
    for (const p of parents.get(n) ?? []) if (parents.has(p)) visit(p, path);
    ordered.push(n);
  };
  for (const n of names) visit(n, new Set());
  const tables: BackupTable[] = [];
  for (const name of ordered) {
    const relation = sql`${`"${name}"`}::regclass`;
    const columns = (await q.many(Name, sql`SELECT "attname" AS "name" FROM pg_attribute WHERE "attrelid" = ${relation} AND "attnum" > 0 AND NOT "attisdropped" ORDER BY "attnum"`))
      .map((r) => r.name)
      .filter((c) => !LOCAL.has(`${name}.${c}`));
    const key = (
      await q.many(
        Name,
        sql`SELECT a."attname" AS "name" FROM pg_index i JOIN pg_attribute a ON a."attrelid" = i."indrelid" AND a."attnum" = ANY(i."indkey")
                                        WHERE i."indrelid" = ${relation} AND i."indisprimary" ORDER BY array_position(i."indkey", a."attnum")`,
      )
    ).map((r) => r.name);
    tables.push({ name, columns, key });
  }
  return tables;
}

export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
