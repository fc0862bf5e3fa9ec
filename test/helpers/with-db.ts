import { openDb, type Db } from "@/lib/db/client";
import { openSqlite, type Sqlite } from "@/lib/server/sqlite";

/** Runs `fn` on a connection of its own to the database at `url` (default: the test's), then closes it. */
export function withDb<T>(fn: (db: Sqlite) => T, url: string | undefined = process.env.DATABASE_URL): T {
  const db = openSqlite(url);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Runs `fn` on a database of its own at `url` (another process's, such as the e2e server's), then closes it. */
export async function usingDb<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openDb(url);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
