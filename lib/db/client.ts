import "server-only";
import { databaseUrl } from "../env";
import type { Db } from "./queryable";
import { openPostgresDb } from "./postgres-backend";

export { countAsBulk, deferConstraints, forNoKeyUpdate, forUpdate, utcDay, withinTime, type Db, type Queryable } from "./queryable";

const globalForDb = globalThis as unknown as { workbenchDb?: Db };

/** Opens a database of its own at `url` (the CLI, tests and jobs that must close what they open). */
export function openDb(url: string = databaseUrl()): Db {
  return openPostgresDb(url);
}

/** The process's database: one pool, shared by every request. */
export function db(): Db {
  return (globalForDb.workbenchDb ??= openDb());
}

/** Closes the process's database, if it was opened (a CLI command's end: an open pool keeps the process alive). */
export async function closeDb(): Promise<void> {
  const d = globalForDb.workbenchDb;
  globalForDb.workbenchDb = undefined;
  await d?.close();
}
