import { createHash } from "node:crypto";
import fs from "node:fs";
import type { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { exportRunFile, exportRunInfo, exportRunScratch, exportRunsOf, performExportRun, requestExport } from "@/lib/server/splits/export-runs";
import { readStoredFile } from "@/lib/db/stored-files";
import { listSplitVersions } from "@/lib/server/splits/list-split-versions";
import { db } from "@/lib/db/client";
import { count, sql, texts, update } from "../helpers/db";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject } from "../helpers/factories";

async function readAll(stream: Readable): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString("utf8");
}

const ratios = { train: 0.6, validation: 0.2, test: 0.2 };

async function reviewedProject() {
  const project = await makeProject();
  const [a, b] = [await makeAccount(), await makeAccount()];
  const result = await importText(project.id, jsonl([...generateDemoBatch({ users: 30, seed: "export-runs", annotators: [a.email, b.email] })]));
  expect(result.ok).toBe(true);
  return project.id;
}

describe("export runs", () => {
  it("exports a version into the run's folder with progress, lists its files and serves only those", async () => {
    const projectId = await reviewedProject();
    const { version } = await createSplitVersion(projectId, { ratios, seed: "runs" }, TEST_ACTOR);
    const runId = await requestExport(projectId, version, "export", TEST_ACTOR);
    await expect(requestExport(projectId, version, "export", TEST_ACTOR)).rejects.toThrow(/being exported already/);
    // in the queue until a worker takes it: waiting, not stalled, however long it waits
    expect(await exportRunInfo(runId)).toMatchObject({ status: "running", waiting: true, stalled: false });
    await db().exec(sql`UPDATE "ExportRun" SET "createdAt" = "createdAt" - interval '1 hour', "updatedAt" = "updatedAt" - interval '1 hour' WHERE "id" = ${runId}`);
    expect(await exportRunInfo(runId)).toMatchObject({ waiting: true, stalled: false });
    await expect(requestExport(projectId, version, "export", TEST_ACTOR)).rejects.toThrow(/being exported already/);
    const done = await performExportRun(runId);
    expect(done).toMatchObject({ status: "succeeded", progress: 1, error: null, stalled: false });
    expect(done.files.map((f) => f.name)).toEqual(["train.jsonl", "validation.jsonl", "test.jsonl", "artifacts.tsv", "verdicts.jsonl", "dataset_info.json"]);
    // it counted its records as it wrote them, and the manifest and card show their sizes on disk
    expect(done.total).toBeGreaterThan(0);
    expect(done.done).toBe(done.total);
    expect(done.extras.map((f) => f.name)).toEqual(["manifest.json", "README.md"]);
    for (const f of done.extras) expect(f.bytes).toBeGreaterThan(0);
    // stored in the database with the sha256 and size the run lists; nothing left in the scratch folder
    const train = await exportRunFile(projectId, runId, "train.jsonl");
    const text = await readAll(readStoredFile(db(), train));
    expect(
      text
        .split("\n")
        .filter(Boolean)
        .every((l) => JSON.parse(l).messages.length === 2),
    ).toBe(true);
    const listed = done.files.find((f) => f.name === "train.jsonl")!;
    expect({ bytes: Buffer.byteLength(text), sha256: createHash("sha256").update(text).digest("hex") }).toEqual({ bytes: listed.bytes, sha256: listed.sha256 });
    expect(train).toMatchObject({ bytes: listed.bytes, sha256: listed.sha256 });
    expect(fs.existsSync(exportRunScratch(runId))).toBe(false);
    expect((await exportRunFile(projectId, runId, "README.md")).bytes).toBeGreaterThan(0);
    await expect(exportRunFile(projectId, runId, "../app.db")).rejects.toThrow(/has no file/);
    await expect(exportRunFile(projectId + 1000, runId, "train.jsonl")).rejects.toThrow(/has no file/);
    expect((await exportRunsOf(projectId)).map((r) => r.id)).toEqual([runId]);
    expect(await count(sql`SELECT COUNT(*) FROM "AuditEvent" WHERE "action" = 'export.written' AND "entityId" = ${String(runId)}`)).toBe(1);
  });

  it("freezes through a run, and refuses a second freeze", async () => {
    const projectId = await reviewedProject();
    const { version } = await createSplitVersion(projectId, { ratios, seed: "freeze" }, TEST_ACTOR);
    const info = await performExportRun(await requestExport(projectId, version, "freeze", TEST_ACTOR));
    expect(info.status).toBe("succeeded");
    expect((await listSplitVersions(projectId))[0]).toMatchObject({ version, status: "frozen" });
    await expect(requestExport(projectId, version, "freeze", TEST_ACTOR)).rejects.toThrow(/already frozen/);
  });

  it("records a failure with its reason and removes the partial files", async () => {
    const projectId = await reviewedProject();
    const { version, versionId } = await createSplitVersion(projectId, { ratios, seed: "fail" }, TEST_ACTOR);
    // plant a leak: one artifact of a test user with several moves to train
    await db().exec(sql`UPDATE "SplitMember" SET "split" = 'train' WHERE "splitVersionId" = ${versionId} AND "artifactId" = (
        SELECT "artifactId" FROM "SplitMember" WHERE "splitVersionId" = ${versionId} AND "split" = 'test'
          AND "uid" IN (SELECT "uid" FROM "SplitMember" WHERE "splitVersionId" = ${versionId} AND "split" = 'test' GROUP BY "uid" HAVING COUNT(*) > 1) LIMIT 1)`);
    const runId = await requestExport(projectId, version, "export", TEST_ACTOR);
    const info = await performExportRun(runId);
    expect(info.status).toBe("failed");
    expect(info.error).toMatch(/The splits leak: 1 shared users/);
    await expect(exportRunFile(projectId, runId, "train.jsonl")).rejects.toThrow(/has no file/);
    expect((await exportRunInfo(runId)).files).toEqual([]);
    expect(await count(sql`SELECT COUNT(*) FROM "StoredFile" WHERE starts_with("key", ${`export-run/${runId}/`})`)).toBe(0);
    expect(fs.existsSync(exportRunScratch(runId))).toBe(false);
  });

  it("keeps rule-accepted artifacts out of the test set, and their users out of every other split", async () => {
    const projectId = await reviewedProject();
    const accepted = await texts(sql`SELECT "artifactId" AS "v" FROM "ArtifactState" WHERE "projectId" = ${projectId} AND "status" = 'accepted'`);
    // as triage will: the rules accepted every other artifact
    for (const [i, id] of accepted.entries()) if (i % 2 === 0) await update("ArtifactState", { projectId, artifactId: id }, { decidedBy: "rules" });
    const made = await createSplitVersion(projectId, { ratios, seed: "rules" }, TEST_ACTOR);
    expect(made.ruleAcceptedLeftOut).toBeGreaterThan(0);
    const test = await texts(
      sql`SELECT a."decidedBy" AS "v" FROM "SplitMember" m JOIN "SplitVersion" v ON v."id" = m."splitVersionId" JOIN "ArtifactState" a ON a."projectId" = v."projectId" AND a."artifactId" = m."artifactId"
          WHERE v."projectId" = ${projectId} AND v."version" = ${made.version} AND m."split" = 'test'`,
    );
    expect(test.length).toBeGreaterThan(0);
    expect(test.every((d) => d === "annotators")).toBe(true);
    const total = made.counts.train.artifacts + made.counts.validation.artifacts + made.counts.test.artifacts;
    expect(total + made.ruleAcceptedLeftOut).toBe(accepted.length);
  });
});
