import { describe, expect, it } from "vitest";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { uploadBatch } from "@/lib/server/api/upload-batch";
import { count, sql, texts } from "../helpers/db";
import { addMember, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";
import { until, useWorkers, withRetryLimit } from "../helpers/job-workers";

const body = (text: string) => new Response(text).body!;
const workers = useWorkers();

async function uploader() {
  const lead = await makeAccount("lead");
  const project = await makeProject();
  await addMember(project.id, lead.id);
  const user = { id: lead.id, email: lead.email, name: lead.email, role: lead.role };
  const upload = (text: string, idempotencyKey: string | null = null) =>
    uploadBatch(user, { projectId: project.id, file: "batch.jsonl" }, { body: body(text), contentLength: Buffer.byteLength(text), idempotencyKey });
  return { projectId: project.id, upload };
}

describe("API uploads through the job queue", () => {
  it("imports on a worker and answers with the result: counts, every bad line, and a replay for a known key", async () => {
    await workers.inProcess();
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
    await withRetryLimit("import", 0, async (restore) => {
      const { projectId, upload } = await uploader();
      const big = jsonl([...generateDemoBatch({ users: 400, seed: "killed-import" })]);
      const killed = workers.process();
      const waiting = upload(big, "k-killed").then(
        () => "answered",
        (e: Error) => e.message,
      );
      await until("the worker to take the import", async () => (await count(sql`SELECT count(*) FROM "JobLease"`)) > 0);
      killed.kill("SIGKILL");
      await workers.inProcess();
      expect(await waiting).toMatch(/^Import batch \d+ stopped: the worker running it was killed or lost.*Upload it again/);
      expect(await texts(sql`SELECT "status" AS "v" FROM "ImportBatch" WHERE "projectId" = ${projectId}`)).toEqual(["failed"]);
      expect(await count(sql`SELECT count(*) FROM "Artifact" WHERE "projectId" = ${projectId}`)).toBe(0);
      // the same key again: the failed batch runs again, under its id
      await restore();
      expect(await upload(big, "k-killed")).toMatchObject({ ok: true, replayed: false, summary: { users: 400 } });
      expect(await texts(sql`SELECT "status" AS "v" FROM "ImportBatch" WHERE "projectId" = ${projectId}`)).toEqual(["succeeded"]);
    });
  });
});
