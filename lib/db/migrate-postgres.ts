import "server-only";
import path from "node:path";
import { runner } from "node-pg-migrate";

export const MIGRATIONS_DIR = path.join(process.cwd(), "lib", "db", "migrations");
const TABLE = "workbench_migrations";

/**
 * Applies the migrations in lib/db/migrations that the database at `url` has not seen, in order,
 * with node-pg-migrate (an advisory lock makes a second instance starting at once wait, not race).
 * Returns the names it applied.
 */
export async function migratePostgres(url: string, opts: { dryRun?: boolean } = {}): Promise<string[]> {
  const applied = await runner({
    databaseUrl: url,
    dir: MIGRATIONS_DIR,
    migrationsTable: TABLE,
    direction: "up",
    checkOrder: true,
    advisoryLockMode: "wait",
    dryRun: opts.dryRun ?? false,
    log: () => undefined,
  });
  return applied.map((m) => m.name);
}

/** The migrations not yet applied to the database at `url`, without applying them. */
export function pendingMigrations(url: string): Promise<string[]> {
  return migratePostgres(url, { dryRun: true });
}

export interface MigrationStatus {
  applied: { name: string; appliedAt: string }[];
  pending: string[];
}

/** What `cli db status` shows: the migrations the database has, with when, and those it lacks. */
export async function migrationStatus(url: string): Promise<MigrationStatus> {
  const { openDb } = await import("./client");
  const { col, row } = await import("./columns");
  const { sql } = await import("./sql");
  const d = openDb(url);
  try {
    const exists = await d.one(row({ found: col.bool }), sql`SELECT to_regclass(${`public.${TABLE}`}) IS NOT NULL AS "found"`);
    const applied = exists.found ? await d.many(row({ name: col.text, appliedAt: col.date }), sql`SELECT "name", "run_on" AS "appliedAt" FROM ${sql.raw(`"${TABLE}"`)} ORDER BY "id"`) : [];
    return { applied, pending: await pendingMigrations(url) };
  } finally {
    await d.close();
  }
}
