import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile } from "../env";

export type Sqlite = Database.Database;

/**
 * Opens a better-sqlite3 connection for the SQLite backend of the data layer (lib/db/sqlite-backend.ts),
 * which goes with the move to PostgreSQL. WAL lets readers go on while one writer works.
 */
export function openSqlite(url?: string): Sqlite {
  const file = databaseFile(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 10000");
  db.pragma("foreign_keys = ON");
  db.pragma("cache_size = -65536"); // 64 MiB of page cache: big imports touch many index pages
  return db;
}

export { sqlDate } from "./sqlite-date";
