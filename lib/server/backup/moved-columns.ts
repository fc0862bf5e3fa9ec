import "server-only";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { ident } from "./backup-tables";

/**
 * Columns a migration moved from one table to another, so that a backup taken before it still
 * restores: the state reviews and triage change left "Artifact" for "ArtifactState" (migration
 * 027), whose rows "Artifact"'s insert trigger writes.
 */
const MOVED = [
  {
    from: "Artifact",
    to: "ArtifactState",
    migration: "1764547200027_artifact_state_narrow",
    // the key of a row in both tables
    key: [
      ["projectId", "projectId"],
      ["id", "artifactId"],
    ],
    // the trigger that writes the new table's rows from the old one's; a backup taken since has
    // the new table's rows, so the restore turns it off
    trigger: "Artifact_state_added",
  },
] as const;

/** Before any row is restored: a backup with the new tables' rows brings them itself. */
export async function prepareMoves(t: Queryable, backupMigrations: string[]): Promise<void> {
  for (const m of MOVED) if (backupMigrations.includes(m.migration)) await t.exec(sql`ALTER TABLE ${sql.raw(ident(m.from))} DISABLE TRIGGER ${sql.raw(ident(m.trigger))}`);
}

/** After the restore: the triggers on again. */
export async function finishMoves(t: Queryable): Promise<void> {
  for (const m of MOVED) await t.exec(sql`ALTER TABLE ${sql.raw(ident(m.from))} ENABLE TRIGGER ${sql.raw(ident(m.trigger))}`);
}

const Column = row({ name: col.text, type: col.text });

/**
 * Restores a section of an older backup whose table has since lost some of its columns to another
 * table: the rows go through a temporary table, the columns the table still has into it (its
 * trigger writes the new table's rows), then the moved ones onto those rows. Returns the rows
 * restored, or null when the section's columns are not a move this knows.
 */
export async function restoreMoved(t: Queryable, table: string, columns: string[], missing: string[], rows: AsyncIterable<string>): Promise<number | null> {
  const move = MOVED.find((m) => m.from === table);
  if (!move) return null;
  const movedTypes = await t.many(
    Column,
    sql`SELECT "attname" AS "name", format_type("atttypid", "atttypmod") AS "type" FROM pg_attribute
        WHERE "attrelid" = ${ident(move.to)}::regclass AND "attnum" > 0 AND NOT "attisdropped" AND "attname" = ANY(${missing}::text[])`,
  );
  if (movedTypes.length !== missing.length) return null;
  const staging = `restore_${table.toLowerCase()}`;
  const q = (names: readonly string[]) => sql.raw(names.map(ident).join(", "));
  await t.exec(sql`CREATE TEMPORARY TABLE ${sql.raw(staging)} (LIKE ${sql.raw(ident(table))}) ON COMMIT DROP`);
  for (const c of movedTypes) await t.exec(sql`ALTER TABLE ${sql.raw(staging)} ADD COLUMN ${sql.raw(ident(c.name))} ${sql.raw(c.type)}`);
  const n = await t.copyIn(staging, columns, rows);
  const kept = columns.filter((c) => !missing.includes(c));
  await t.exec(sql`INSERT INTO ${sql.raw(ident(table))} (${q(kept)}) SELECT ${q(kept)} FROM ${sql.raw(staging)}`);
  const set = sql.raw(missing.map((c) => `${ident(c)} = r.${ident(c)}`).join(", "));
  const on = sql.raw(move.key.map(([from, to]) => `n.${ident(to)} = r.${ident(from)}`).join(" AND "));
  await t.exec(sql`UPDATE ${sql.raw(ident(move.to))} n SET ${set} FROM ${sql.raw(staging)} r WHERE ${on}`);
  return n;
}
