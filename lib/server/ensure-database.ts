import "server-only";
import { openDb } from "../db/client";
import { migratePostgres } from "../db/migrate-postgres";
import { fillMissingFlags } from "./import/fill-missing-flags";
import { ensureQueues } from "./jobs/queue";

/**
 * Applies the migrations the database at `url` has not seen, creates or migrates the job queue, and
 * fills columns that a migration added but SQL alone cannot compute; returns the migrations applied.
 */
export async function ensureDatabase(url: string): Promise<string[]> {
  const applied = await migratePostgres(url);
  await ensureQueues(url);
  const d = openDb(url);
  try {
    await d.tx((t) => fillMissingFlags(t));
  } finally {
    await d.close();
  }
  return applied;
}
