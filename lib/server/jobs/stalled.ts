import "server-only";
import { z } from "zod";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql, type Sql } from "../../db/sql";
import { AppError } from "../../errors";
import type { JobTable } from "../perform-job";

/** The columns every job's row has: its state, progress and life (a run's `row()` spreads them beside its own). */
export const jobRunColumns = {
  status: z.enum(["running", "succeeded", "failed"]),
  progress: col.num,
  done: col.int.nullable(),
  total: col.int.nullable(),
  error: col.text.nullable(),
  createdAt: col.date,
  updatedAt: col.date.nullable(),
  finishedAt: col.date.nullable(),
};

/** How long a running job may go without a sign of life before the pages call it stalled. */
export const STALL_MS = 2 * 60_000;

/**
 * Whether a job is still in the queue: requested (its row written with updatedAt = createdAt) and
 * not yet taken by a worker, which touches updatedAt when it starts.
 */
export function isWaiting(status: string, createdAt: string, updatedAt: string | null): boolean {
  return status === "running" && updatedAt === createdAt;
}

/** Whether a job a worker took has given no sign of life for STALL_MS (a job waiting in the queue is not stalled). */
export function isStalled(status: string, createdAt: string, updatedAt: string | null, now = Date.now()): boolean {
  return status === "running" && !isWaiting(status, createdAt, updatedAt) && (updatedAt === null || now - Date.parse(updatedAt) > STALL_MS);
}

/** A run's row as the pages see it: its last sign of life turned into whether it waits for a worker or stalled. */
export function withJobState<R extends { status: string; createdAt: string; updatedAt: string | null }>({ updatedAt, ...rest }: R): Omit<R, "updatedAt"> & { waiting: boolean; stalled: boolean } {
  return { ...rest, waiting: isWaiting(rest.status, rest.createdAt, updatedAt), stalled: isStalled(rest.status, rest.createdAt, updatedAt) };
}

/** Refuses, with `message`, while a run of the project in `table` runs (a stalled one does not count: it may be started again). */
export async function refuseWhileRunning(t: Queryable, table: JobTable, projectId: number, message: string): Promise<void> {
  const running = await t.many(
    row({ status: col.text, createdAt: col.date, updatedAt: col.date.nullable() }),
    sql`SELECT "status", "createdAt", "updatedAt" FROM ${sql.raw(`"${table}"`)} WHERE "projectId" = ${projectId} AND "status" = 'running'`,
  );
  if (running.some((r) => !isStalled(r.status, r.createdAt, r.updatedAt))) throw new AppError("conflict", message);
}

/**
 * The project's latest run in `table` that finished well, and its latest run when that is another
 * one (running, stalled or failed), each with its job state. `columns` select what `schema` parses.
 */
export async function readyAndLatest<S extends z.ZodType<{ id: number; status: string; createdAt: string; updatedAt: string | null }, unknown>>(
  q: Queryable,
  table: JobTable,
  schema: S,
  columns: Sql,
  projectId: number,
) {
  const from = sql`SELECT ${columns} FROM ${sql.raw(`"${table}"`)} WHERE "projectId" = ${projectId}`;
  const ready = await q.maybe(schema, sql`${from} AND "status" = 'succeeded' ORDER BY "id" DESC LIMIT 1`);
  const latest = await q.maybe(schema, sql`${from} ORDER BY "id" DESC LIMIT 1`);
  return { ready: ready ? withJobState(ready) : null, latest: latest && latest.id !== ready?.id ? withJobState(latest) : null };
}
