import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseFile } from "../env";

export type Sqlite = Database.Database;

/**
 * Opens a raw better-sqlite3 connection for the hot paths (import, queue claims) that Prisma would
 * make slow. WAL lets readers go on while one writer works; busy_timeout makes writers wait in turn.
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
