import "server-only";
import pg from "pg";
import type { z } from "zod";
import { applicationName, reniceBackend } from "./backend-priority";
import { AppError, toAppError } from "../errors";
import { databaseFailure } from "./database-failure";
import { assertNotInTransaction, type Db, firstOrFail, inTransaction, type Queryable } from "./queryable";
import type { CopyRows } from "./copy-text";
import { copyFromQuery, copyInto } from "./pg-copy";
import { compile, type Sql } from "./sql";

// bigint (counts, sums) as text: col.int turns it into a number where the value fits
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);

const STREAM_BATCH = 2000;
let streams = 0;

/**
 * A failure that says the database itself went away (or its disk is full) becomes the AppError that
 * says so (503 with Retry-After, or 507) wherever it surfaces: a route, a page, a job, the CLI.
 */
function asDatabaseFailure(e: unknown): never {
  throw databaseFailure(e) ? toAppError(e) : e;
}

function bindable(v: unknown): unknown {
  if (v === undefined) throw new AppError("internal", "An SQL parameter is undefined.");
  return v;
}

type Client = pg.Pool | pg.PoolClient;

const names = new Map<string, string>();
const MAX_NAMED = 2000;

/**
 * A name for the statement, so that each connection parses and plans it once and then only binds
 * and executes it (a review step runs about 20 short statements: planning each every time cost
 * more than running it). Statements whose text is made per call (lists of ids, migrations) are many
 * and rare: past MAX_NAMED different texts, the rest run unnamed.
 */
function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) names.set(text, (name = `wb${names.size}`));
  return name;
}

class PgQueries implements Queryable {
  constructor(protected client: Client) {}

  protected async query(q: Sql): Promise<pg.QueryResult> {
    const { text, values } = compile(q, (n) => `$${n}`);
    return this.client.query({ name: statementName(text), text, values: values.map(bindable) }).catch(asDatabaseFailure);
  }

  async many<S extends z.ZodType>(schema: S, q: Sql): Promise<z.output<S>[]> {
    return (await this.query(q)).rows.map((r) => schema.parse(r));
  }
  async maybe<S extends z.ZodType>(schema: S, q: Sql): Promise<z.output<S> | undefined> {
    return (await this.many(schema, q))[0];
  }
  async one<S extends z.ZodType>(schema: S, q: Sql): Promise<z.output<S>> {
    return firstOrFail(await this.many(schema, q), q);
  }
  async exec(q: Sql): Promise<number> {
    return (await this.query(q)).rowCount ?? 0;
  }

  /**
   * A cursor on this transaction's connection, read a batch at a time. It is an SQL cursor (DECLARE),
   * not a protocol portal, so that the planner picks a plan that starts fast (an index walk rather
   * than a sort of every row before the first comes out), and the next batch is asked for before
   * this one is handed out: the server reads it while the caller works through this one.
   */
  async *cursorOn<S extends z.ZodType>(client: pg.PoolClient, schema: S, q: Sql): AsyncIterable<z.output<S>> {
    const { text, values } = compile(q, (n) => `$${n}`);
    const name = `wb_stream_${++streams}`;
    await client.query({ text: `DECLARE ${name} NO SCROLL CURSOR FOR ${text}`, values: values.map(bindable) });
    const fetch = async (): Promise<unknown[]> => (await client.query(`FETCH ${STREAM_BATCH} FROM ${name}`)).rows;
    let next: Promise<unknown[]> | null = fetch();
    try {
      while (next) {
        const rows: unknown[] = await next;
        next = rows.length < STREAM_BATCH ? null : fetch();
        for (const r of rows) yield schema.parse(r);
      }
    } finally {
      if (next) await next.catch(() => undefined);
      // after an error the transaction is aborted and rolls back, cursor and all
      await client.query(`CLOSE ${name}`).catch(() => undefined);
    }
  }

  stream<S extends z.ZodType>(schema: S, q: Sql): AsyncIterable<z.output<S>> {
    return this.cursorOn(this.client as pg.PoolClient, schema, q);
  }

  copyIn(table: string, columns: readonly string[], rows: CopyRows): Promise<number> {
    return copyInto(this.client as pg.PoolClient, table, columns, rows);
  }

  copyOut(query: Sql): AsyncIterable<Buffer> {
    return copyFromQuery(this.client as pg.PoolClient, query);
  }

  async textQuery(text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
    // a library's optional parameters come as undefined: SQL NULL
    return { rows: (await this.client.query({ text, values: values.map((v) => v ?? null) })).rows };
  }
}

/**
 * `fn` in one transaction on `client`: committed if it resolves, rolled back if it throws (and
 * `onBroken` told when even the rollback failed: the connection is not fit to reuse).
 */
async function transaction<T>(client: pg.PoolClient, fn: (tx: Queryable) => Promise<T>, onBroken: () => void): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await inTransaction.run(true, () => fn(new PgQueries(client)));
    await client.query("COMMIT");
    return result;
  } catch (e) {
    await client.query("ROLLBACK").catch(onBroken);
    throw e;
  }
}

/**
 * A cursor lives in a transaction: a read-only one, held until the last row is read. It ends however
 * the reading does: a reader that stops early or throws must not hand the connection back inside it.
 */
async function* readOnlyCursor<S extends z.ZodType>(client: pg.PoolClient, schema: S, q: Sql, on: PgQueries): AsyncIterable<z.output<S>> {
  let committed = false;
  try {
    await client.query("BEGIN READ ONLY");
    yield* on.cursorOn(client, schema, q);
    await client.query("COMMIT");
    committed = true;
  } finally {
    if (!committed) await client.query("ROLLBACK").catch(() => undefined);
  }
}

/** Queries made outside any transaction (on the pool, or on a session's connection): code inside one must use its handle. */
class PgOutsideTransaction extends PgQueries {
  protected override query(q: Sql): Promise<pg.QueryResult> {
    assertNotInTransaction();
    return super.query(q);
  }

  override textQuery(text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
    assertNotInTransaction();
    return super.textQuery(text, values);
  }
}

/** One connection, held: its statements run one after another, its transactions on it. */
class PgSession extends PgOutsideTransaction implements Db {
  constructor(private connection: pg.PoolClient) {
    super(connection);
  }

  override stream<S extends z.ZodType>(schema: S, q: Sql): AsyncIterable<z.output<S>> {
    assertNotInTransaction();
    return readOnlyCursor(this.connection, schema, q, this);
  }

  tx<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    assertNotInTransaction();
    return transaction(this.connection, fn, () => undefined); // released as broken anyway at the end of the session
  }

  session<T>(fn: (session: Db) => Promise<T>): Promise<T> {
    return fn(this);
  }

  async close(): Promise<void> {}
}

class PgDb extends PgOutsideTransaction implements Db {
  constructor(private pool: pg.Pool) {
    super(pool);
  }

  override async *stream<S extends z.ZodType>(schema: S, q: Sql): AsyncIterable<z.output<S>> {
    assertNotInTransaction();
    const client = await this.pool.connect().catch(asDatabaseFailure);
    try {
      yield* readOnlyCursor(client, schema, q, this);
    } finally {
      client.release();
    }
  }

  override async *copyOut(query: Sql): AsyncIterable<Buffer> {
    assertNotInTransaction();
    const client = await this.pool.connect().catch(asDatabaseFailure);
    try {
      yield* copyFromQuery(client, query);
    } finally {
      client.release();
    }
  }

  async copyIn(table: string, columns: readonly string[], rows: CopyRows): Promise<number> {
    assertNotInTransaction();
    const client = await this.pool.connect().catch(asDatabaseFailure);
    try {
      return await copyInto(client, table, columns, rows);
    } finally {
      client.release();
    }
  }

  async tx<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    assertNotInTransaction();
    const client = await this.pool.connect().catch(asDatabaseFailure);
    let broken = false;
    try {
      return await transaction(client, fn, () => (broken = true)).catch(asDatabaseFailure);
    } finally {
      client.release(broken);
    }
  }

  async session<T>(fn: (session: Db) => Promise<T>): Promise<T> {
    assertNotInTransaction();
    const client = await this.pool.connect().catch(asDatabaseFailure);
    try {
      return await fn(new PgSession(client));
    } finally {
      // the session's temporary tables go with the connection, not back to the pool
      client.release(true);
    }
  }

  async close() {
    await this.pool.end();
  }
}

export const CONNECT_WAIT_MS = 10_000;

let warned = false;

/** A pool of connections to the PostgreSQL database at `url` (postgres://user:password@host:port/db). */
export function openPostgresDb(url: string, opts: { max?: number; connectWaitMs?: number } = {}): Db {
  // a request waits for a connection at most CONNECT_WAIT_MS (the pool's all busy, or the server does
  // not answer), then fails as unavailable (503): never an endless hang
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: opts.connectWaitMs ?? CONNECT_WAIT_MS,
    application_name: applicationName(),
    // no JIT compilation: on a server built with it (Debian's PostgreSQL 15), a LIMIT over a large
    // estimate passes jit_above_cost and compiling took 150 of a 152 ms items page (4 ms without)
    options: "-c jit=off",
    // before a new connection's first use: background work's backends yield the cores too (backend-priority.ts); said once if it cannot
    onConnect: (client: pg.ClientBase) =>
      reniceBackend(client).then(
        (why) => {
          if (why && !warned) process.stderr.write(`${why}\n`);
          warned ||= why !== null;
        },
        () => undefined,
      ),
  });
  // a connection the server dropped must not take the process down: an idle one (the pool's own
  // "error"), and one checked out between two queries (its client's): the next query on it fails
  // instead, as unavailable
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  return new PgDb(pool);
}
