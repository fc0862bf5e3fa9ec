import "server-only";
import { openDb } from "../db/client";
import { migratePostgres } from "../db/migrate-postgres";
import { fillMissingFlags } from "./import/fill-missing-flags";
import { migrate } from "./migrate";
import { openSqlite } from "./sqlite";

/**
 * Applies the migrations the database at `url` has not seen (on PostgreSQL with node-pg-migrate; the
 * SQLite file, until it is gone, in process) and fills columns that a migration added but SQL alone
 * cannot compute; returns the migrations it applied.
 */
export async function ensureDatabase(url: string): Promise<string[]> {
  let applied: string[];
  if (/^postgres(ql)?:\/\//.test(url)) applied = await migratePostgres(url);
  else {
    const sqlite = openSqlite(url);
    try {
      applied = migrate(sqlite);
    } finally {
      sqlite.close();
    }
  }
  const d = openDb(url);
  try {
    await d.tx((t) => fillMissingFlags(t));
  } finally {
    await d.close();
  }
  return applied;
}
