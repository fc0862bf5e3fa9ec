// Before anything reads lib/env: with no DATABASE_URL, the embedded PostgreSQL under DATA_DIR
// (started here unless `npm start` runs it already), and DATABASE_URL pointing at it. Either way
// DATA_DIR, where it exists, is made owner-only (lib/private-files.ts) before anything is kept in it.
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_EMBEDDED_PORT, ensureEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { privateDataDir } from "../lib/private-files";

export interface DatabaseEnv {
  /** where the database is, for the start-up output (no password) */
  description: string;
  /** this process leaving the embedded cluster, which the last to leave stops (null for an external server) */
  stop: (() => Promise<void>) | null;
  /** the embedded cluster this process uses, if that is the setup */
  embedded?: { dataDir: string; port: number };
}

export async function useDatabase(): Promise<DatabaseEnv> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? "data");
  if (process.env.DATABASE_URL) {
    if (fs.existsSync(dataDir)) privateDataDir(dataDir);
    return { description: process.env.DATABASE_URL.replace(/\/\/[^@/]*@/, "//…@"), stop: null };
  }
  process.env.DATA_DIR = dataDir;
  const port = Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT);
  const { url, started, stop } = await ensureEmbeddedPostgres({ dataDir, port });
  process.env.DATABASE_URL = url;
  return { description: `embedded PostgreSQL in ${path.join(dataDir, "postgres")} on 127.0.0.1:${port}${started ? "" : " (already running)"}`, stop, embedded: { dataDir, port } };
}

/** useDatabase for a long-running process (npm start, a worker): a database that cannot be had ends it with the reason, in one line. */
export async function useDatabaseOrExit(): Promise<DatabaseEnv> {
  try {
    return await useDatabase();
  } catch (e) {
    console.error(`error: ${e instanceof Error ? e.message || e.name : String(e)}`);
    if (process.env.DEBUG && e instanceof Error) console.error(e.stack);
    process.exit(1);
  }
}
