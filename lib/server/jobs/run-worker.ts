import "server-only";
import os from "node:os";
import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { openDb, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError, isTransient } from "../../errors";
import { performAgreementSnapshot } from "../agreement/agreement-snapshots";
import { abandonQueuedImport, performQueuedImport } from "../import/queued-import";
import { recordFailure, type JobTable, type PerformOptions } from "../perform-job";
import { performCalibrationRun } from "../qc/calibration-runs";
import { countTriagePreview } from "../qc/kept-triage-preview";
import { performTriageRun } from "../qc/triage-runs";
import { performExportRun, removeExportRunFiles } from "../splits/export-runs";
import { performSplitRun } from "../splits/split-runs";
import { abandonDelivery, deliverWebhook } from "../webhooks/deliver-webhook";
import { flushFinalized } from "../webhooks/finalized-batches";
import { JOB_KINDS, QUEUE_SCHEMA, queueName, type JobData, type JobKind } from "./queue";
import { BACKGROUND_APPLICATION } from "../../db/backend-priority";

interface Performer {
  label: string;
  /** does the job; what it returns is the job's output in the queue, as JSON text (an import's result, for the request that waits for it) */
  perform(runId: number, opts: PerformOptions): Promise<unknown>;
  /** records on the run why it stopped when its worker died on the last attempt, and removes what it left behind */
  abandon(q: Queryable, runId: number, reason: string): Promise<void>;
}

const failing = (table: JobTable, cleanup?: (q: Queryable, runId: number) => Promise<void>) => async (q: Queryable, runId: number, reason: string) => {
  await recordFailure(q, table, runId, reason);
  await cleanup?.(q, runId);
};

const PERFORMERS: Record<JobKind, Performer> = {
  import: { label: "Import batch", perform: performQueuedImport, abandon: abandonQueuedImport },
  export: { label: "Export run", perform: performExportRun, abandon: failing("ExportRun", removeExportRunFiles) },
  triage: { label: "Triage run", perform: performTriageRun, abandon: failing("TriageRun") },
  agreement: { label: "Agreement snapshot", perform: (id, opts) => performAgreementSnapshot(id, opts), abandon: failing("AgreementSnapshot") },
  calibration: { label: "Calibration run", perform: performCalibrationRun, abandon: failing("CalibrationRun") },
  split: { label: "Split run", perform: performSplitRun, abandon: failing("SplitRun") },
  webhook: { label: "Webhook delivery", perform: deliverWebhook, abandon: abandonDelivery },
  // the run id is the project's: a kept count has no run of its own, and a lost one is asked for again by the next page
  preview: { label: "Triage preview of project", perform: countTriagePreview, abandon: async () => undefined },
};

/** Jobs of a kind one worker runs at once: deliveries wait on receivers, not on the cores. */
const CONCURRENCY: Partial<Record<JobKind, number>> = { webhook: 4 };

export interface WorkerOptions {
  url: string;
  /** how often this worker says it is alive (default 5 s) */
  heartbeatMs?: number;
  /** how long a lease may go without a heartbeat before another worker calls its worker dead (default 60 s) */
  stallMs?: number;
  log?: (line: string) => void;
  /** how often finalized artifacts are batched into webhook messages (default 2 s) */
  batchMs?: number;
}

export interface RunningWorker {
  id: string;
  /** stops taking jobs, waits up to `graceMs` for the running ones, and closes the connections */
  stop(graceMs?: number): Promise<void>;
}

const Lease = row({ jobId: col.text, queue: col.text, runId: col.int, attempt: col.int, finalAttempt: col.bool });
const kindOf = (queue: string) => JOB_KINDS.find((k) => queueName(k) === queue);

/**
 * A worker: takes jobs from every queue (one at a time per queue) and runs each under a lease that
 * its heartbeat keeps fresh. It also sweeps the leases of workers that stopped beating (killed,
 * crashed, cut off): their jobs fail in the queue, which runs them again after a backoff; after the
 * last attempt the run's row records why, so nothing stays "running".
 */
export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const log = opts.log ?? (() => undefined);
  const d = openDb(opts.url);
  // its polling is background work too: an import's peopleAreWorking leaves it out
  const boss = new PgBoss({ connectionString: opts.url, schema: QUEUE_SCHEMA, max: 4, schedule: false, application_name: BACKGROUND_APPLICATION });
  boss.on("error", (e) => log(`job queue: ${e.message}`));
  await boss.start();

  /** the jobs this worker runs now: the heartbeat keeps their leases, and only theirs, fresh */
  const running = new Set<string>();

  async function run(kind: JobKind, job: PgBoss.JobWithMetadata<JobData>) {
    const p = PERFORMERS[kind];
    const finalAttempt = job.retryCount >= job.retryLimit;
    const attempt = job.retryCount + 1;
    await d.exec(sql`INSERT INTO "JobLease" ("jobId", "queue", "runId", "workerId", "attempt", "finalAttempt") VALUES (${job.id}, ${job.name}, ${job.data.runId}, ${id}, ${attempt}, ${finalAttempt})
                     ON CONFLICT ("jobId") DO UPDATE SET "workerId" = EXCLUDED."workerId", "attempt" = EXCLUDED."attempt", "finalAttempt" = EXCLUDED."finalAttempt",
                       "startedAt" = CURRENT_TIMESTAMP, "heartbeatAt" = CURRENT_TIMESTAMP`);
    running.add(job.id);
    log(`${p.label} ${job.data.runId}: attempt ${attempt} of ${job.retryLimit + 1}`);
    try {
      const output = await p.perform(job.data.runId, { url: opts.url, finalAttempt });
      log(`${p.label} ${job.data.runId}: done`);
      // as text: the queue keeps its output as jsonb, which would reorder every object's keys
      return { json: JSON.stringify(output ?? null) };
    } catch (e) {
      if (e instanceof AppError && !isTransient(e)) {
        // recorded on the run, or it had ended: nothing to retry; the output says why, for a request that waits
        log(`${p.label} ${job.data.runId}: ${e.message}`);
        return { error: { code: e.code, message: e.message } };
      }
      log(`${p.label} ${job.data.runId}: ${(e as Error).message}${finalAttempt ? "" : " (will retry)"}`);
      throw e;
    } finally {
      // no longer beaten for: a lease this fails to delete (the database away) goes stale, and a sweep ends its job in the queue
      running.delete(job.id);
      await d.exec(sql`DELETE FROM "JobLease" WHERE "jobId" = ${job.id}`);
    }
  }

  for (const kind of JOB_KINDS) {
    for (let i = 0; i < (CONCURRENCY[kind] ?? 1); i++) {
      await boss.work<JobData>(queueName(kind), { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => run(kind, job));
    }
  }

  const beat = () => (running.size ? d.exec(sql`UPDATE "JobLease" SET "heartbeatAt" = CURRENT_TIMESTAMP WHERE "workerId" = ${id} AND "jobId" IN ${sql.list([...running])}`) : Promise.resolve(0));
  const stallSeconds = (opts.stallMs ?? 60_000) / 1000;
  // every stale lease, this worker's too: its own are beaten while their jobs run, so a stale one is
  // a job whose end could not be recorded (the database was away) and that the queue still holds
  async function sweep() {
    const dead = await d.many(
      Lease,
      sql`DELETE FROM "JobLease" WHERE "heartbeatAt" < CURRENT_TIMESTAMP - make_interval(secs => ${stallSeconds}) AND NOT ("jobId" = ANY(${[...running]}::uuid[]))
          RETURNING "jobId", "queue", "runId", "attempt", "finalAttempt"`,
    );
    for (const lease of dead) {
      const kind = kindOf(lease.queue);
      if (!kind) continue;
      const p = PERFORMERS[kind];
      // the run's reason first: whoever sees the job failed (a request waiting for its import) reads it
      if (lease.finalAttempt) await p.abandon(d, lease.runId, `${p.label} ${lease.runId} stopped: the worker running it was killed or lost, on attempt ${lease.attempt}; start it again`);
      await boss.fail(lease.queue, lease.jobId, { message: "the worker running it stopped (killed, crashed or cut off)" });
      log(`${p.label} ${lease.runId}: its worker stopped; ${lease.finalAttempt ? "recorded as failed" : "it will run again"}`);
    }
  }
  const quietly = (f: () => Promise<unknown>) => () => void f().catch((e: Error) => log(`worker: ${e.message}`));
  const timers = [
    // at least three beats within the stall time, so a live lease never looks stale
    setInterval(quietly(beat), Math.min(opts.heartbeatMs ?? 5000, (stallSeconds * 1000) / 3)),
    setInterval(quietly(sweep), Math.min(10_000, (stallSeconds * 1000) / 2)),
    // artifacts finalized since: batched into artifact.finalized messages
    setInterval(
      quietly(() => flushFinalized(d)),
      opts.batchMs ?? 2000,
    ),
  ];
  await sweep();

  return {
    id,
    async stop(graceMs = 10_000) {
      for (const t of timers) clearInterval(t);
      await boss.stop({ graceful: true, wait: true, timeout: graceMs });
      await d.close();
    },
  };
}
