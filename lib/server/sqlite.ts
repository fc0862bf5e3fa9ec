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

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `fn` as an IMMEDIATE transaction, retrying while another process holds the write lock.
 * SQLite's own busy handler backs off in steps of up to 100 ms, which makes short transactions wait
 * far longer than the lock is held; this retries after sub-millisecond pauses that grow to 4 ms,
 * for up to `timeoutMs`. Use it on connections with busy_timeout = 0 (see rawDb).
 */
export function immediate<T>(db: Sqlite, fn: () => T, timeoutMs = 10_000): T {
  const tx = db.transaction(fn);
  const deadline = Date.now() + timeoutMs;
  for (let wait = 0.25; ; wait = Math.min(wait * 1.5, 4)) {
    try {
      return tx.immediate();
    } catch (e) {
      if ((e as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw e;
      Atomics.wait(pause, 0, 0, wait);
    }
  }
}

const statements = new WeakMap<Sqlite, Map<string, Database.Statement>>();

/**
 * A prepared statement cached per connection: the queue's hot paths run the same SQL many times.
 * Handed out with rows as objects: `.pluck()` by one caller must not change what the next one gets.
 */
export function stmt(db: Sqlite, sql: string): Database.Statement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let s = byText.get(sql);
  if (!s) byText.set(sql, (s = db.prepare(sql)));
  else if (s.reader) s.pluck(false);
  return s;
}
