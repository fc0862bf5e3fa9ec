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
