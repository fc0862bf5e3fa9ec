import "server-only";
import type Database from "better-sqlite3";
import type { z } from "zod";
import { AppError } from "../errors";
import { openSqlite, sqlDate } from "../server/sqlite";
import { assertNotInTransaction, type Db, firstOrFail, inTransaction, type Queryable } from "./queryable";
import { compile, type Sql } from "./sql";

// Scaffolding for the move to PostgreSQL: the async data layer over the SQLite file until the
// engine changes. One connection per process; a transaction holds it (an in-process lock) from
// BEGIN IMMEDIATE to COMMIT, so the awaits inside one never let another request's queries in.

function bindable(v: unknown): unknown {
  if (v instanceof Date) return sqlDate(v);
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v !== null && typeof v === "object" && !Buffer.isBuffer(v)) return JSON.stringify(v);
  if (v === undefined) throw new AppError("internal", "An SQL parameter is undefined.");
  return v;
}

class SqliteQueries implements Queryable {
  readonly dialect: "sqlite" | "postgres" = "sqlite";
  constructor(
    protected conn: Database.Database,
    protected statements = new Map<string, Database.Statement>(),
  ) {}

  protected run<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** whether the statement only reads (a write outside a transaction must wait for the write lock) */
  protected readonly(q: Sql): boolean {
    return this.prepared(q).s.readonly;
  }

  private prepared(q: Sql) {
    const { text, values } = compile(q, () => "?");
    let s = this.statements.get(text);
    if (!s) this.statements.set(text, (s = this.conn.prepare(text)));
    return { s, values: values.map(bindable) };
  }

  many<S extends z.ZodType>(schema: S, q: Sql): Promise<z.output<S>[]> {
    return this.run(() => {
      const { s, values } = this.prepared(q);
      return (s.all(...values) as unknown[]).map((r) => schema.parse(r));
    });
  }
  async maybe<S extends z.ZodType>(schema: S, q: Sql): Promise<z.output<S> | undefined> {
    return (await this.many(schema, q))[0];
  }
  async one<S extends z.ZodType>(schema: S, q: Sql): Promise<z.output<S>> {
    return firstOrFail(await this.many(schema, q), q);
  }
  exec(q: Sql): Promise<number> {
    return this.run(() => {
      const { s, values } = this.prepared(q);
      return s.reader ? (s.all(...values), 0) : s.run(...values).changes;
    });
  }
  copyIn(): Promise<number> {
    return Promise.reject(new AppError("internal", "COPY needs PostgreSQL."));
  }
  textQuery(): Promise<{ rows: unknown[] }> {
    return Promise.reject(new AppError("internal", "The job queue needs PostgreSQL."));
  }
  async *stream<S extends z.ZodType>(schema: S, q: Sql): AsyncIterable<z.output<S>> {
    // better-sqlite3 lets nothing else run on a connection while a cursor is open, so this reads
    // the whole result first (the PostgreSQL backend streams with a cursor)
    for (const r of await this.many(schema, q)) yield r;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

class SqliteDb extends SqliteQueries implements Db {
  private queue: Promise<unknown> = Promise.resolve();

  /** a write outside a transaction is a transaction of one statement, which waits for the lock */
  override exec(q: Sql): Promise<number> {
    return this.tx((t) => t.exec(q));
  }

  override many<S extends z.ZodType>(schema: S, q: Sql): Promise<z.output<S>[]> {
    assertNotInTransaction();
    return this.readonly(q) ? super.many(schema, q) : this.tx((t) => t.many(schema, q));
  }

  /** waits for the open transaction, if any, then runs `work` */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  protected override run<T>(work: () => T): Promise<T> {
    assertNotInTransaction();
    return this.exclusive(() => super.run(work));
  }

  tx<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    assertNotInTransaction();
    return this.exclusive(async () => {
      // another process (an import) may hold the write lock: retry without blocking the event loop
      const deadline = Date.now() + 10_000;
      for (let wait = 1; ; wait = Math.min(wait * 2, 100)) {
        try {
          this.conn.exec("BEGIN IMMEDIATE");
          break;
        } catch (e) {
          if ((e as { code?: string }).code !== "SQLITE_BUSY") throw e;
          if (Date.now() > deadline) throw new AppError("conflict", "The database is busy writing a large import; nothing was lost. Try again in a moment.");
          await pause(wait);
        }
      }
      try {
        const result = await inTransaction.run(true, () => fn(new SqliteQueries(this.conn, this.statements)));
        this.conn.exec("COMMIT");
        return result;
      } catch (e) {
        if (this.conn.inTransaction) this.conn.exec("ROLLBACK");
        throw e;
      }
    });
  }

  async close() {
    await this.queue;
    this.conn.close();
  }
}

export function openSqliteDb(url: string): Db {
  const conn = openSqlite(url);
  conn.pragma("busy_timeout = 0"); // transactions retry asynchronously (tx)
  return new SqliteDb(conn);
}
