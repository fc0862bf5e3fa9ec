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
