// Workers for tests of the job queue: in this process (startWorker) or as `npm run worker` in a
// process of its own (to kill), all stopped after each test; and the queue's retry limit, changed
// for one test.
import { spawn, type ChildProcess } from "node:child_process";
import { afterEach } from "vitest";
import PgBoss from "pg-boss";
import { QUEUE_SCHEMA, queueName, type JobKind } from "@/lib/server/jobs/queue";
import { startWorker } from "@/lib/server/jobs/run-worker";

export const testDatabaseUrl = () => process.env.DATABASE_URL!;

export function useWorkers() {
  const stops: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
  });
  return {
    /** a worker in this process that calls a silent worker dead after 2 s */
    async inProcess() {
      const w = await startWorker({ url: testDatabaseUrl(), heartbeatMs: 200, stallMs: 2000 });
      stops.push(() => w.stop(1000));
      return w;
    },
    /** `npm run worker` as a user starts it, on this test's database, calling a silent worker dead after 2 s */
    process(): ChildProcess {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
        env: { ...process.env, DATABASE_URL: testDatabaseUrl(), JOB_STALL_SECONDS: "2" },
        stdio: "ignore",
      });
      stops.push(() => void child.kill("SIGKILL"));
      return child;
    },
  };
}

/** Waits until `probe` says yes, or fails after `ms`. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Runs `work` with the queue of `kind` set to `retryLimit` retries, and sets it back after. */
export async function withRetryLimit<T>(kind: JobKind, retryLimit: number, work: (restore: () => Promise<void>) => Promise<T>): Promise<T> {
  return withQueueOptions(kind, { retryLimit }, work);
}

/** Runs `work` with the queue of `kind` set to these retry options, and sets them back after. */
export async function withQueueOptions<T>(kind: JobKind, options: { retryLimit?: number; retryDelay?: number }, work: (restore: () => Promise<void>) => Promise<T>): Promise<T> {
  const boss = new PgBoss({ connectionString: testDatabaseUrl(), schema: QUEUE_SCHEMA, supervise: false, schedule: false, migrate: false, max: 1 });
  await boss.start();
  const name = queueName(kind);
  const before = (await boss.getQueue(name))!;
  const restore = () => boss.updateQueue(name, { name, retryLimit: before.retryLimit, retryDelay: before.retryDelay });
  await boss.updateQueue(name, { name, ...options });
  try {
    return await work(restore);
  } finally {
    await restore();
    await boss.stop({ graceful: false, wait: true });
  }
}
