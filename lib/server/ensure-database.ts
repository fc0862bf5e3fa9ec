import "server-only";
import { fillMissingFlags } from "./import/fill-missing-flags";
import { migrate } from "./migrate";
import { openSqlite } from "./sqlite";

/**
 * Creates the SQLite file if needed, applies pending migrations and fills columns that a migration
 * added but SQL alone cannot compute; returns the migrations it applied.
 */
export function ensureDatabase(url?: string): string[] {
  const db = openSqlite(url);
  try {
    const applied = migrate(db);
    db.transaction(() => fillMissingFlags(db))();
    return applied;
  } finally {
    db.close();
  }
}
