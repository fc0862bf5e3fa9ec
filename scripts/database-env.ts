// Before anything reads lib/env: with no DATABASE_URL, the embedded PostgreSQL under DATA_DIR
// (started here unless `npm start` runs it already), and DATABASE_URL pointing at it.
import path from "node:path";
import { DEFAULT_EMBEDDED_PORT, ensureEmbeddedPostgres } from "../lib/db/embedded-postgres";

export interface DatabaseEnv {
  /** where the database is, for the start-up output (no password) */
  description: string;
  /** stops the embedded cluster this process started (null when it uses one it did not start, or an external server) */
  stop: (() => Promise<void>) | null;
}

export async function useDatabase(): Promise<DatabaseEnv> {
  if (process.env.DATABASE_URL) return { description: process.env.DATABASE_URL.replace(/\/\/[^@/]*@/, "//…@"), stop: null };
  const dataDir = path.resolve(process.env.DATA_DIR ?? "data");
  process.env.DATA_DIR = dataDir;
  const port = Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT);
  const { url, stop } = await ensureEmbeddedPostgres({ dataDir, port });
  process.env.DATABASE_URL = url;
  return { description: `embedded PostgreSQL in ${path.join(dataDir, "postgres")} on 127.0.0.1:${port}${stop ? "" : " (already running)"}`, stop };
}
