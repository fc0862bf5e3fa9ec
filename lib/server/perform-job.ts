import "server-only";
import { openDb, type Db, type Queryable } from "../db/client";
import { col, row } from "../db/columns";
import { sql } from "../db/sql";
import { AppError, isTransient } from "../errors";

/** The tables of jobs a page requests and a worker does (see lib/server/jobs). */
export type JobTable = "ExportRun" | "TriageRun" | "AgreementSnapshot" | "CalibrationRun" | "SplitRun";

export interface JobContext {
  /** the job's own database */
  db: Db;
  /**
   * How far the work is: `done` of `total` units (records, artifacts), or with no total, a share
   * 0..1. Written with a heartbeat, at most every 250 ms.
   */
  onProgress(done: number, total?: number): void;
}

/** How a worker runs a job: on which database, and whether a failure now is the last word. */
export interface PerformOptions {
  url?: string;
  /**
   * false while the queue will try again: an internal error then leaves the run "running" for the
   * next attempt instead of recording the failure (default true: the caller runs it once)
   */
  finalAttempt?: boolean;
  /** told of every step of progress, unthrottled (the CLI's progress bar) */
  observe?: (done: number, total?: number) => void;
}

export interface Job<T> extends PerformOptions {
  table: JobTable;
  id: number;
  /** how the job is called in messages: "Export run 7" */
  label: string;
  /** does the work; returns the columns to record with success */
  work(ctx: JobContext): Promise<Record<string, string | number | null>>;
  /** the error to record for a failure (default: an AppError's message, else that it stopped) */
  describeError?(e: unknown): string | undefined;
  /** runs in the transaction that records the success (webhooks tell of it once it is visible) */
  onSuccess?(t: Queryable): Promise<void>;
  /** what the caller gets back, read once the job ended */
  result(db: Queryable): Promise<T>;
}

const COLUMN = /^[a-zA-Z]+$/;

/**
 * Does a requested job in this process: refuses one that is missing or no longer running, runs
 * the work with progress and a heartbeat (a page calls a job without one for minutes stalled),
 * then records success with what the work returned, or the failure with a message fit for the
 * page. An unexpected error is recorded and then thrown on, for the runner's exit code and log.
 */
export async function performJob<T>(job: Job<T>): Promise<T> {
  const db = openDb(job.url);
  const table = sql.raw(`"${job.table}"`);
  let progress: Promise<unknown> = Promise.resolve();
  try {
    const found = await db.maybe(row({ status: col.text }), sql`SELECT "status" FROM ${table} WHERE "id" = ${job.id}`);
    if (!found) throw new AppError("not_found", `${job.label} does not exist.`);
    if (found.status !== "running") throw new AppError("conflict", `${job.label} has already ${found.status}.`);
    // taken: the pages stop saying it waits for a worker
    await db.exec(sql`UPDATE ${table} SET "updatedAt" = ${new Date()} WHERE "id" = ${job.id}`);
    let last = 0;
    const onProgress = (done: number, total?: number) => {
      job.observe?.(done, total);
      const fraction = total === undefined ? done : total > 0 ? Math.min(1, done / total) : 1;
      const now = Date.now();
      if (fraction < 1 && now - last < 250) return;
      last = now;
      const counts = total === undefined ? sql`NULL, NULL` : sql`${Math.round(done)}::int, ${Math.round(total)}::int`;
      // written in the background, in order: the work does not wait for its own progress
      progress = progress
        .then(() => db.exec(sql`UPDATE ${table} SET "progress" = ${fraction}, ("done", "total") = (${counts}), "updatedAt" = ${new Date(now)} WHERE "id" = ${job.id}`))
        .catch(() => undefined);
    };
    try {
      const columns = await job.work({ db, onProgress });
      await progress;
      const sets = Object.entries(columns).map(([name, value]) => {
        if (!COLUMN.test(name)) throw new Error(`not a column name: ${name}`);
        return sql`${sql.raw(`"${name}"`)} = ${value}, `;
      });
      const at = new Date();
      await db.tx(async (t) => {
        await t.exec(sql`UPDATE ${table} SET "status" = 'succeeded', "progress" = 1, "done" = "total", ${sql.join(sets, sql.empty)}"updatedAt" = ${at}, "finishedAt" = ${at} WHERE "id" = ${job.id}`);
        await job.onSuccess?.(t);
      });
    } catch (e) {
      await progress;
      // unexpected, or the database was away: the queue tries again (unless this was the last attempt)
      const again = !(e instanceof AppError) || isTransient(e);
      if (again && job.finalAttempt === false) throw e;
      const message = job.describeError?.(e) ?? (e instanceof AppError ? e.message : `${job.label} stopped on an internal error`);
      await recordFailure(db, job.table, job.id, message);
      if (again) throw e;
    }
    return await job.result(db);
  } finally {
    await db.close();
  }
}

/** Records a run's failure, unless it has ended already. */
export async function recordFailure(q: Queryable, table: JobTable, id: number, message: string): Promise<void> {
  const at = new Date();
  await q.exec(sql`UPDATE ${sql.raw(`"${table}"`)} SET "status" = 'failed', "error" = ${message}, "updatedAt" = ${at}, "finishedAt" = ${at} WHERE "id" = ${id} AND "status" = 'running'`);
}
