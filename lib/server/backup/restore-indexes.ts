import "server-only";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";

const Index = row({ name: col.text, definition: col.text });

/**
 * Drops the secondary indexes of the tables a restore loads, in its transaction, and returns how to
 * build them again (restoreIndexes). A row copied into an indexed table adds an entry to each index
 * as it goes in; an index built after the load sorts each table once (at 10M artifacts the restore
 * took 37 minutes, most of them in the tables with the most indexes). Primary keys and unique
 * indexes stay: the load's reference checks and its triggers' upserts look rows up by them.
 */
export async function dropSecondaryIndexes(t: Queryable, tables: readonly string[]): Promise<{ name: string; definition: string }[]> {
  const indexes = await t.many(
    Index,
    sql`SELECT i."indexrelid"::regclass::text AS "name", pg_get_indexdef(i."indexrelid") AS "definition"
        FROM pg_index i JOIN pg_class c ON c."oid" = i."indrelid" JOIN pg_namespace n ON n."oid" = c."relnamespace"
        WHERE n."nspname" = 'public' AND c."relname" = ANY(${[...tables]}::text[]) AND NOT i."indisunique" AND NOT i."indisprimary"
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k."conindid" = i."indexrelid")
        ORDER BY 1`,
  );
  for (const i of indexes) await t.exec(sql`DROP INDEX ${sql.raw(i.name)}`);
  return indexes;
}

/** Builds the indexes dropSecondaryIndexes dropped, each as it was defined, with room to sort in memory. */
export async function restoreIndexes(t: Queryable, indexes: readonly { name: string; definition: string }[], onIndex?: (name: string) => void): Promise<void> {
  await t.exec(sql`SELECT set_config('maintenance_work_mem', '256MB', true)`);
  for (const i of indexes) {
    await t.exec(sql.raw(i.definition));
    onIndex?.(i.name);
  }
}
