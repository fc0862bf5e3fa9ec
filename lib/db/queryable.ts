import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import type { z } from "zod";
import { AppError } from "../errors";
import type { CopyRows } from "./copy-text";
import { sql, type Sql } from "./sql";

type RowSchema = z.ZodType;

/** What a query can run on: the database, or one transaction of it. Every call is asynchronous. */
export interface Queryable {
  /** every row, each parsed by `schema` */
  many<S extends RowSchema>(schema: S, q: Sql): Promise<z.output<S>[]>;
  /** the first row, or undefined */
  maybe<S extends RowSchema>(schema: S, q: Sql): Promise<z.output<S> | undefined>;
  /** the first row; a missing one is an internal error (use maybe where absence is normal) */
  one<S extends RowSchema>(schema: S, q: Sql): Promise<z.output<S>>;
  /** runs a statement; returns the rows it changed */
  exec(q: Sql): Promise<number>;
  /** the rows in order, a batch at a time, for results too large to hold */
  stream<S extends RowSchema>(schema: S, q: Sql): AsyncIterable<z.output<S>>;
  /**
   * COPY FROM STDIN into `table` (`columns` in order): the rows come as text in COPY's format
   * (lib/db/copy-text.ts), read as the server takes them. Returns how many rows were copied.
   */
  copyIn(table: string, columns: readonly string[], rows: CopyRows): Promise<number>;
  /**
   * COPY (`query`) TO STDOUT: the rows of a query without parameters (a whole table, in order) in
   * COPY's text format, a chunk at a time as the server sends them.
   */
  copyOut(query: Sql): AsyncIterable<Buffer>;
  /**
   * SQL text with numbered parameters, for a library that writes its own SQL and must run it on
   * this transaction (the job queue, enqueueing in the same commit as the job's row). Code of the
   * workbench writes `sql` templates instead.
   */
  textQuery(text: string, values: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface Db extends Queryable {
  /** runs `fn` in one transaction: committed if it resolves, rolled back if it throws */
  tx<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * runs `fn` on one connection held throughout, for work that keeps a temporary table across
   * several short transactions (each `tx` of the session is one); the table goes with the session
   */
  session<T>(fn: (session: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Marks code running inside a transaction, so a query that bypasses its handle is caught. */
export const inTransaction: AsyncLocalStorage<true> = ((globalThis as { workbenchInTransaction?: AsyncLocalStorage<true> }).workbenchInTransaction ??= new AsyncLocalStorage<true>()); // one per process, however often a bundler loads this module

export function assertNotInTransaction() {
  if (inTransaction.getStore()) throw new AppError("internal", "A query inside a transaction used the database instead of the transaction's handle.");
}

export function firstOrFail<T>(rows: T[], q: Sql): T {
  if (rows.length === 0) throw new AppError("internal", `Expected a row from: ${q.strings.join("?").slice(0, 200)}`);
  return rows[0];
}

/**
 * ` FOR UPDATE` (` SKIP LOCKED`): the rows a transaction is about to change, locked until it ends.
 * In a join, `of` names the table whose rows to lock: without it every joined row is locked (a join
 * with "Project" would serialize every verdict of the project).
 */
export const forUpdate = (_q: Queryable, modifier: "" | " SKIP LOCKED" = "", of?: string): Sql => sql.raw(` FOR UPDATE${of ? ` OF ${of}` : ""}${modifier}`);

/**
 * ` FOR NO KEY UPDATE`: a row taken as a mutex (a project's serial work, such as a rule set, a run or
 * a split version, takes turns on its project's row) that lets through the rows referencing it: an
 * insert checking a foreign key to it (a verdict or an import counting into the project's tallies)
 * takes KEY SHARE, which ` FOR UPDATE` would make wait, and be waited for.
 */
export const forNoKeyUpdate = (_q: Queryable): Sql => sql.raw(" FOR NO KEY UPDATE");

/** The UTC calendar day of a timestamp column as 'YYYY-MM-DD' text. */
export const utcDay = (_q: Queryable, column: string): Sql => sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`);

/** Foreign keys checked at commit instead of per row (an import writes children before their parents). */
export const deferConstraints = (q: Queryable): Promise<number> => q.exec(sql`SET CONSTRAINTS ALL DEFERRED`);

/**
 * Says that this transaction is background work that may hold what it writes for long (an
 * import): its tally deltas go to slots no verdict uses (migration 023), so it never makes a
 * reviewer wait for its commit.
 */
export const countAsBulk = (q: Queryable): Promise<number> => q.exec(sql`SELECT set_config('workbench.bulk', 'on', true)`);

/** SQLSTATE query_canceled: a statement stopped by statement_timeout (or a cancel request). */
const QUERY_CANCELED = "57014";

/**
 * Runs `fn` in one transaction whose statements are each stopped past `ms`: undefined when one
 * was. For an answer a page can do without (an exact count), so that what it costs is bounded by
 * time as well as by rows.
 */
export async function withinTime<T>(d: Db, ms: number, fn: (tx: Queryable) => Promise<T>): Promise<T | undefined> {
  try {
    return await d.tx(async (t) => {
      await t.exec(sql`SELECT set_config('statement_timeout', ${String(Math.max(1, Math.round(ms)))}, true)`);
      return fn(t);
    });
  } catch (e) {
    if (typeof e === "object" && e !== null && (e as { code?: unknown }).code === QUERY_CANCELED) return undefined;
    throw e;
  }
}
