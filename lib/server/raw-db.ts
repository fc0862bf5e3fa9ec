import "server-only";
import { openSqlite, type Sqlite } from "./sqlite";

const globalForRaw = globalThis as unknown as { rawDb?: Sqlite };

/**
 * The process's raw better-sqlite3 connection for the queue's hot paths (claims and verdicts run as
 * short synchronous IMMEDIATE transactions, so concurrent requests and processes serialize in SQLite).
 * A connection, not a cache: every read goes to the database. Imports open their own.
 */
export function rawDb(): Sqlite {
  if (!globalForRaw.rawDb?.open) {
    const db = openSqlite();
    db.pragma("busy_timeout = 0"); // writes go through immediate(), which retries with short pauses
    globalForRaw.rawDb = db;
  }
  return globalForRaw.rawDb;
}
