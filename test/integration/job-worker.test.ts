import os from "node:os";
import { describe, expect, it } from "vitest";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { QUEUE_SCHEMA, queueName } from "@/lib/server/jobs/queue";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { exportRunFile, exportRunInfo, requestExport } from "@/lib/server/splits/export-runs";
import { count, rows, sql } from "../helpers/db";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject } from "../helpers/factories";
import { until, useWorkers, withRetryLimit } from "../helpers/job-workers";

const ratios = { train: 0.6, validation: 0.2, test: 0.2 };

/** A project big enough that its export takes a moment (a worker can be killed in the middle of it). */
async function versionToExport(users: number) {
  const project = await makeProject();
  const [a, b] = [await makeAccount(), await makeAccount()];
  expect((await importText(project.id, jsonl([...generateDemoBatch({ users, seed: "jobs", annotators: [a.email, b.email] })]))).ok).toBe(true);
  const { version } = await createSplitVersion(project.id, { ratios, seed: "jobs" }, TEST_ACTOR);
  return { projectId: project.id, version };
}

const finished = (runId: number) => until(`run ${runId} to end`, async () => ((r) => r.status !== "running" && r)(await exportRunInfo(runId)));
const attemptsOf = async (jobTable: string) => count(sql`SELECT max("retry_count") FROM ${sql.raw(`${QUEUE_SCHEMA}.${jobTable}`)} WHERE "name" = ${queueName("export")}`);

const workers = useWorkers();

describe("the job queue", () => {
  it("runs a queued export on a worker, enqueued in the same transaction as its run", async () => {
    const { projectId, version } = await versionToExport(20);
    const runId = await requestExport(projectId, version, "export", TEST_ACTOR);
    expect(await count(sql`SELECT count(*) FROM ${sql.raw(`${QUEUE_SCHEMA}.job`)} WHERE "name" = ${queueName("export")} AND "data"->>'runId' = ${String(runId)}`)).toBe(1);
    await workers.inProcess();
    expect(await finished(runId)).toMatchObject({ status: "succeeded", progress: 1 });
    expect((await exportRunFile(projectId, runId, "train.jsonl")).bytes).toBeGreaterThan(0);
    // the worker lets its lease go once the run's row says it ended (a moment later)
    await until("the lease to go", async () => (await count(sql`SELECT count(*) FROM "JobLease"`)) === 0);
  });

  it("runs at background priority (nice JOB_NICE, 10 by default), so that app servers on the machine get the cores first", async () => {
    const worker = workers.process();
    // lowered at its start, before it connects
    expect(await until("the worker to lower its priority", async () => os.getPriority(worker.pid!) === 10)).toBe(true);
    // and so do the PostgreSQL backends of its connections (the server is on this machine), not this process's own
    const backends = async () => (await rows(sql`SELECT "pid" FROM pg_stat_activity WHERE "datname" = current_database() AND "backend_type" = 'client backend'`)).map((r) => Number(r.pid));
    const niceOf = (pid: number) => {
      try {
        return os.getPriority(pid);
      } catch {
        return null; // ended meanwhile
      }
    };
    expect(await until("a backend of the worker's at nice 10", async () => (await backends()).some((pid) => niceOf(pid) === 10))).toBe(true);
    const own = await count(sql`SELECT pg_backend_pid()`);
    expect(niceOf(own)).toBe(0);
  });

  it("runs a job again when its worker is killed in the middle of it, and finishes it on another worker", async () => {
    const { projectId, version } = await versionToExport(300);
    const killed = workers.process();
    const runId = await requestExport(projectId, version, "export", TEST_ACTOR);
    await until("the worker to take the job", async () => (await count(sql`SELECT count(*) FROM "JobLease"`)) > 0);
    killed.kill("SIGKILL");
    expect((await exportRunInfo(runId)).status).toBe("running"); // killed before it could finish

    await workers.inProcess();
    const done = await finished(runId);
    expect(done).toMatchObject({ status: "succeeded", error: null });
    expect(await attemptsOf("job")).toBe(1); // the second attempt did it
    await until("the leases to go", async () => (await count(sql`SELECT count(*) FROM "JobLease"`)) === 0);
  });

  it("records on the run why it stopped when a killed worker had its last attempt", async () => {
    await withRetryLimit("export", 0, async () => {
      const { projectId, version } = await versionToExport(300);
      const killed = workers.process();
      const runId = await requestExport(projectId, version, "export", TEST_ACTOR);
      await until("the worker to take the job", async () => (await count(sql`SELECT count(*) FROM "JobLease"`)) > 0);
      killed.kill("SIGKILL");
      await workers.inProcess();
      const done = await finished(runId);
      expect(done.status).toBe("failed");
      expect(done.error).toMatch(/the worker running it was killed or lost/);
      await expect(exportRunFile(projectId, runId, "train.jsonl")).rejects.toThrow(/has no file/);
    });
  });
});
