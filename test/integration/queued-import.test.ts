import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import PgBoss from "pg-boss";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { uploadBatch } from "@/lib/server/api/upload-batch";
import { QUEUE_SCHEMA, queueName } from "@/lib/server/jobs/queue";
import { startWorker, type RunningWorker } from "@/lib/server/jobs/run-worker";
import { count, sql, texts } from "../helpers/db";
import { addMember, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

const url = () => process.env.DATABASE_URL!;
const body = (text: string) => new Response(text).body!;

let workers: RunningWorker[] = [];
let children: ChildProcess[] = [];
afterEach(async () => {
  for (const c of children) c.kill("SIGKILL");
  for (const w of workers) await w.stop(1000);
  workers = [];
  children = [];
});

async function uploader() {
  const lead = await makeAccount("lead");
  const project = await makeProject();
  await addMember(project.id, lead.id);
  const user = { id: lead.id, email: lead.email, name: lead.email, role: lead.role };
  const upload = (text: string, idempotencyKey: string | null = null) =>
    uploadBatch(user, { projectId: project.id, file: "batch.jsonl" }, { body: body(text), contentLength: Buffer.byteLength(text), idempotencyKey });
  return { projectId: project.id, upload };
}

async function until(what: string, probe: () => Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("API uploads through the job queue", () => {
  it("imports on a worker and answers with the result: counts, every bad line, and a replay for a known key", async () => {
    workers.push(await startWorker({ url: url(), heartbeatMs: 200, stallMs: 2000 }));
    const { upload } = await uploader();
    const b = tinyBatch();
    const first = await upload(jsonl([b.user, b.post, b.artifact]), "k-1");
    expect(first).toMatchObject({ ok: true, replayed: false, summary: { users: 1, posts: 1, artifacts: 1 } });
    // exactly as the importer returned it: the pages show the summary in its order
    expect(Object.keys(first.summary)).toEqual(["users", "posts", "artifacts", "verdicts", "unchanged", "conflicts"]);
    expect(await upload(jsonl([b.user, b.post, b.artifact]), "k-1")).toMatchObject({ ok: true, replayed: true, batchId: first.batchId });
    const bad = await upload(jsonl([b.user, "{nope", { ...b.post, id: "p-x", uid: "nobody" }]));
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e) => e.line)).toEqual([2, 3]);
  });

  it("fails a batch whose worker was killed on its last attempt, with the reason, and frees its idempotency key", async () => {
    const boss = new PgBoss({ connectionString: url(), schema: QUEUE_SCHEMA, supervise: false, schedule: false, migrate: false, max: 1 });
    await boss.start();
    const name = queueName("import");
    const before = (await boss.getQueue(name))!;
    await boss.updateQueue(name, { name, retryLimit: 0 });
    try {
      const { projectId, upload } = await uploader();
      const big = jsonl([...generateDemoBatch({ users: 400, seed: "killed-import" })]);
      const killed = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], { env: { ...process.env, JOB_STALL_SECONDS: "2" }, stdio: "ignore" });
      children.push(killed);
      const waiting = upload(big, "k-killed").then(() => "answered", (e: Error) => e.message);
      await until("the worker to take the import", async () => (await count(sql`SELECT count(*) FROM "JobLease"`)) > 0);
      killed.kill("SIGKILL");
      workers.push(await startWorker({ url: url(), heartbeatMs: 200, stallMs: 2000 }));
      expect(await waiting).toMatch(/^Import batch \d+ stopped: the worker running it was killed or lost.*Upload it again/);
      expect(await texts(sql`SELECT "status" AS "v" FROM "ImportBatch" WHERE "projectId" = ${projectId}`)).toEqual(["failed"]);
      expect(await count(sql`SELECT count(*) FROM "Artifact" WHERE "projectId" = ${projectId}`)).toBe(0);
      // the same key again: the failed batch runs again, under its id
      await boss.updateQueue(name, { name, retryLimit: before.retryLimit });
      expect(await upload(big, "k-killed")).toMatchObject({ ok: true, replayed: false, summary: { users: 400 } });
      expect(await texts(sql`SELECT "status" AS "v" FROM "ImportBatch" WHERE "projectId" = ${projectId}`)).toEqual(["succeeded"]);
    } finally {
      await boss.updateQueue(name, { name, retryLimit: before.retryLimit });
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
