import "server-only";
import { openDb } from "../db/client";
import { fillMissingFlags } from "./import/fill-missing-flags";
import { migrate } from "./migrate";
import { openSqlite } from "./sqlite";

/**
 * Creates the SQLite file if needed, applies pending migrations and fills columns that a migration
 * added but SQL alone cannot compute; returns the migrations it applied.
 */
export async function ensureDatabase(url?: string): Promise<string[]> {
  const sqlite = openSqlite(url);
  let applied: string[];
  try {
    applied = migrate(sqlite);
  } finally {
    sqlite.close();
  }
  const d = openDb(url);
  try {
    await d.tx((t) => fillMissingFlags(t));
  } finally {
    await d.close();
  }
  return applied;
}
