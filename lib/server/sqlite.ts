import "server-only";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { AppError } from "../errors";
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
export function immediate<T>(db: Sqlite, fn: () => T, timeoutMs = syncWaitMs): T {
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

/** How long immediate() waits, synchronously, for the write lock: see whenWritable. */
let syncWaitMs = 10_000;
const SHORT_SYNC_WAIT_MS = 50;

/**
 * Runs a use case whose writes are one immediate() transaction without blocking the event loop
 * while another process holds the write lock for long (an import of a big batch writes for tens of
 * seconds): the transaction waits synchronously for at most 50 ms, enough for the short ones of
 * other annotators, and past that the whole call is tried again after pauses that leave the server
 * free for other requests, for up to `totalMs`. Safe because a busy lock fails the transaction
 * before it does anything.
 */
export async function whenWritable<T>(fn: () => T, totalMs = 10_000): Promise<T> {
  const deadline = Date.now() + totalMs;
  for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
    const before = syncWaitMs;
    syncWaitMs = SHORT_SYNC_WAIT_MS;
    try {
      return fn();
    } catch (e) {
      if ((e as { code?: string }).code !== "SQLITE_BUSY") throw e;
      if (Date.now() + pause > deadline) throw new AppError("conflict", "The database is busy writing a large import; nothing was lost. Try again in a moment.");
    } finally {
      syncWaitMs = before;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
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
