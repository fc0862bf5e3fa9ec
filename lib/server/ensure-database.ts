import "server-only";
import { migrate } from "./migrate";
import { openSqlite } from "./sqlite";

/** Creates the SQLite file if needed and applies pending migrations; returns what it applied. */
export function ensureDatabase(url?: string): string[] {
  const db = openSqlite(url);
  try {
    return migrate(db);
  } finally {
    db.close();
  }
}
