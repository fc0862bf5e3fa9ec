import "server-only";
import PgBoss from "pg-boss";
import { openDb, type Queryable } from "../../db/client";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";

/**
 * The job queue: pg-boss on the workbench's own PostgreSQL (schema "pgboss"). A job names the row
 * of its run ("ExportRun" 7, or the "ImportBatch" of an upload), which holds what the pages show (status, progress, result, error);
 * the queue only says who runs it and when. Any instance enqueues, any worker (`npm run worker`,
 * or the one `npm start` runs) takes the next job; see run-worker.ts for retries and crashes.
 */
export const JOB_KINDS = ["import", "export", "triage", "agreement", "calibration", "split", "webhook", "preview"] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const QUEUE_SCHEMA = "pgboss";

export const queueName = (kind: JobKind) => `workbench-${kind}`;

/**
 * Attempts and backoff: a job that fails on an internal error (a lost connection, a killed worker)
 * runs again after 10 s, then 20-40 s; an error the job reports itself (a leak in an export, rules
 * that cannot decide) is final at once. Expiry is a backstop only: leases catch a dead worker.
 */
const QUEUE_OPTIONS = { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInHours: 6 } as const;

/**
 * A webhook delivery is tried WEBHOOK_ATTEMPTS times (default 8), the first retry after
 * WEBHOOK_RETRY_SECONDS (default 30), each later one after twice the wait before: 30 s, 1 min, 2 min,
 * ... about an hour in all. Then it is failed in the delivery log, where a lead can redeliver it.
 */
export function webhookQueueOptions(env: NodeJS.ProcessEnv = process.env) {
  const attempts = Math.max(1, Math.floor(Number(env.WEBHOOK_ATTEMPTS ?? 8)) || 8);
  const delay = Math.max(1, Math.floor(Number(env.WEBHOOK_RETRY_SECONDS ?? 30)) || 30);
  return { retryLimit: attempts - 1, retryDelay: delay, retryBackoff: true, expireInHours: 1 };
}

const optionsOf = (kind: JobKind) => (kind === "webhook" ? webhookQueueOptions() : QUEUE_OPTIONS);

export interface JobData {
  runId: number;
}

const globalForQueue = globalThis as unknown as { workbenchQueueClient?: PgBoss };

/** An unstarted client: enough to enqueue on a caller's transaction (it polls nothing, holds no pool). */
function client(): PgBoss {
  return (globalForQueue.workbenchQueueClient ??= new PgBoss({ connectionString: "postgres://unused", schema: QUEUE_SCHEMA }));
}

/**
 * Creates or migrates the queue's schema and its queues (at start, like the migrations). Instances
 * and workers starting at once on a new database take turns under an advisory lock: pg-boss's
 * createQueue attaches a partition to its job table, and two of them at once deadlock.
 */
export async function ensureQueues(url: string): Promise<void> {
  const lock = openDb(url);
  try {
    await lock.session(async (s) => {
      await s.exec(sql`SELECT pg_advisory_lock(hashtext('workbench.ensure-queues'))`);
      try {
        const boss = new PgBoss({ connectionString: url, schema: QUEUE_SCHEMA, supervise: false, schedule: false, max: 2 });
        boss.on("error", () => undefined);
        await boss.start();
        try {
          for (const kind of JOB_KINDS) {
            const name = queueName(kind);
            if (await boss.getQueue(name)) await boss.updateQueue(name, { ...optionsOf(kind), name });
            else await boss.createQueue(name, { ...optionsOf(kind), name });
          }
        } finally {
          await boss.stop({ graceful: false, wait: true });
        }
      } finally {
        await s.exec(sql`SELECT pg_advisory_unlock(hashtext('workbench.ensure-queues'))`);
      }
    });
  } finally {
    await lock.close();
  }
}

/** Enqueues the job of run `runId` in the caller's transaction: it exists if and only if the run's row commits. */
export async function enqueue(t: Queryable, kind: JobKind, runId: number): Promise<string> {
  const data: JobData = { runId };
  const id = await client().send(queueName(kind), data, { db: { executeSql: (text, values) => t.textQuery(text, values) } });
  if (!id) throw new AppError("internal", `The job queue has no queue "${queueName(kind)}"; restart the workbench so that it creates its queues.`);
  return id;
}
