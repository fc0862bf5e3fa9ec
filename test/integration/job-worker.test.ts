import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import PgBoss from "pg-boss";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { startWorker, type RunningWorker } from "@/lib/server/jobs/run-worker";
import { QUEUE_SCHEMA, queueName } from "@/lib/server/jobs/queue";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { exportRunFile, exportRunInfo, requestExport } from "@/lib/server/splits/export-runs";
import { count, sql } from "../helpers/db";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject } from "../helpers/factories";

const url = () => process.env.DATABASE_URL!;
const ratios = { train: 0.6, validation: 0.2, test: 0.2 };

/** A project big enough that its export takes a moment (a worker can be killed in the middle of it). */
async function versionToExport(users: number) {
  const project = await makeProject();
  const [a, b] = [await makeAccount(), await makeAccount()];
  expect((await importText(project.id, jsonl([...generateDemoBatch({ users, seed: "jobs", annotators: [a.email, b.email] })]))).ok).toBe(true);
  const { version } = await createSplitVersion(project.id, { ratios, seed: "jobs" }, TEST_ACTOR);
  return { projectId: project.id, version };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const finished = (runId: number) => until(`run ${runId} to end`, async () => ((r) => r.status !== "running" && r)(await exportRunInfo(runId)));
const attemptsOf = async (jobTable: string) =>
  count(sql`SELECT max("retry_count") FROM ${sql.raw(`${QUEUE_SCHEMA}.${jobTable}`)} WHERE "name" = ${queueName("export")}`);

let workers: RunningWorker[] = [];
let children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children) c.kill("SIGKILL");
  for (const w of workers) await w.stop(1000);
  workers = [];
  children = [];
});

/** `npm run worker` as a user starts it, on this test's database, calling a silent worker dead after 2 s. */
function workerProcess(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: url(), JOB_STALL_SECONDS: "2" },
    stdio: "ignore",
  });
  children.push(child);
  return child;
}

describe("the job queue", () => {
  it("runs a queued export on a worker, enqueued in the same transaction as its run", async () => {
    const { projectId, version } = await versionToExport(20);
    const runId = await requestExport(projectId, version, "export", TEST_ACTOR);
    expect(await count(sql`SELECT count(*) FROM ${sql.raw(`${QUEUE_SCHEMA}.job`)} WHERE "name" = ${queueName("export")} AND "data"->>'runId' = ${String(runId)}`)).toBe(1);
    workers.push(await startWorker({ url: url(), heartbeatMs: 200, stallMs: 2000 }));
    expect(await finished(runId)).toMatchObject({ status: "succeeded", progress: 1 });
    expect((await exportRunFile(projectId, runId, "train.jsonl")).bytes).toBeGreaterThan(0);
    expect(await count(sql`SELECT count(*) FROM "JobLease"`)).toBe(0);
  });

  it("runs a job again when its worker is killed in the middle of it, and finishes it on another worker", async () => {
    const { projectId, version } = await versionToExport(300);
    const killed = workerProcess();
    const runId = await requestExport(projectId, version, "export", TEST_ACTOR);
    await until("the worker to take the job", async () => (await count(sql`SELECT count(*) FROM "JobLease"`)) > 0);
    killed.kill("SIGKILL");
    expect((await exportRunInfo(runId)).status).toBe("running"); // killed before it could finish

    workers.push(await startWorker({ url: url(), heartbeatMs: 200, stallMs: 2000 }));
    const done = await finished(runId);
    expect(done).toMatchObject({ status: "succeeded", error: null });
    expect(await attemptsOf("job")).toBe(1); // the second attempt did it
    expect(await count(sql`SELECT count(*) FROM "JobLease"`)).toBe(0);
  });

  it("records on the run why it stopped when a killed worker had its last attempt", async () => {
    const boss = new PgBoss({ connectionString: url(), schema: QUEUE_SCHEMA, supervise: false, schedule: false, migrate: false, max: 1 });
    await boss.start();
    const name = queueName("export");
    const before = (await boss.getQueue(name))!;
    await boss.updateQueue(name, { name, retryLimit: 0 });
    try {
      const { projectId, version } = await versionToExport(300);
      const killed = workerProcess();
      const runId = await requestExport(projectId, version, "export", TEST_ACTOR);
      await until("the worker to take the job", async () => (await count(sql`SELECT count(*) FROM "JobLease"`)) > 0);
      killed.kill("SIGKILL");
      workers.push(await startWorker({ url: url(), heartbeatMs: 200, stallMs: 2000 }));
      const done = await finished(runId);
      expect(done.status).toBe("failed");
      expect(done.error).toMatch(/the worker running it was killed or lost/);
      await expect(exportRunFile(projectId, runId, "train.jsonl")).rejects.toThrow(/has no file/);
    } finally {
      await boss.updateQueue(name, { name, retryLimit: before.retryLimit });
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
