import "server-only";
import { AppError } from "../errors";
import { openSqlite, sqlDate, type Sqlite } from "./sqlite";

/** The tables of jobs a page requests and a runner process does (see launchRunner). */
export type JobTable = "ExportRun" | "TriageRun" | "AgreementSnapshot";

export interface JobContext {
  /** the job's own connection */
  db: Sqlite;
  /** share of the work done, 0..1: written with a heartbeat through a second connection, at most every 250 ms */
  onProgress(fraction: number): void;
}

export interface Job<T> {
  table: JobTable;
  id: number;
  url?: string;
  /** how the job is called in messages: "Export run 7" */
  label: string;
  /** does the work; returns the columns to record with success */
  work(ctx: JobContext): Record<string, string | number | null>;
  /** the error to record for a failure (default: an AppError's message, else that it stopped) */
  describeError?(e: unknown): string | undefined;
  /** what the caller gets back, read on the job's connection once it ended */
  result(db: Sqlite): T;
}

/**
 * Does a requested job in this process: refuses one that is missing or no longer running, runs
 * the work with progress and a heartbeat (a page calls a job without one for minutes stalled),
 * then records success with what the work returned, or the failure with a message fit for the
 * page. An unexpected error is recorded and then thrown on, for the runner's exit code and log.
 */
export function performJob<T>(job: Job<T>): T {
  const db = openSqlite(job.url);
  const progressDb = openSqlite(job.url);
  try {
    const status = db.prepare(`SELECT status FROM ${job.table} WHERE id = ?`).pluck().get(job.id) as string | undefined;
    if (status === undefined) throw new AppError("not_found", `${job.label} does not exist.`);
    if (status !== "running") throw new AppError("conflict", `${job.label} has already ${status}.`);
    let last = 0;
    const onProgress = (fraction: number) => {
      const now = Date.now();
      if (fraction < 1 && now - last < 250) return;
      last = now;
      progressDb.prepare(`UPDATE ${job.table} SET progress = ?, updatedAt = ? WHERE id = ?`).run(fraction, sqlDate(new Date(now)), job.id);
    };
    try {
      const columns = job.work({ db, onProgress });
      const at = sqlDate(new Date());
      const names = Object.keys(columns);
      db.prepare(`UPDATE ${job.table} SET status = 'succeeded', progress = 1, ${names.map((n) => `${n} = ?, `).join("")}updatedAt = ?, finishedAt = ? WHERE id = ?`).run(
        ...Object.values(columns),
        at,
        at,
        job.id,
      );
    } catch (e) {
      const message = job.describeError?.(e) ?? (e instanceof AppError ? e.message : `${job.label} stopped on an internal error`);
      const at = sqlDate(new Date());
      db.prepare(`UPDATE ${job.table} SET status = 'failed', error = ?, updatedAt = ?, finishedAt = ? WHERE id = ?`).run(message, at, at, job.id);
      if (!(e instanceof AppError)) throw e;
    }
    return job.result(db);
  } finally {
    db.close();
    progressDb.close();
  }
}
