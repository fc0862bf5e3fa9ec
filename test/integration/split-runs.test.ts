import { describe, expect, it } from "vitest";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { listSplitVersions } from "@/lib/server/splits/list-split-versions";
import { makeSplitVersion, performSplitRun, requestSplitRun, splitRun } from "@/lib/server/splits/split-runs";
import { count, sql } from "../helpers/db";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject } from "../helpers/factories";
import { useWorkers } from "../helpers/job-workers";

async function reviewedProject() {
  const project = await makeProject();
  const [a, b] = [await makeAccount(), await makeAccount()];
  expect((await importText(project.id, jsonl([...generateDemoBatch({ users: 20, seed: "split-runs", annotators: [a.email, b.email] })]))).ok).toBe(true);
  return project.id;
}

describe("split runs", () => {
  const workers = useWorkers();

  it("makes a version with the project's defaults (seed v1, 0.8/0.1/0.1) and records its counts", async () => {
    const projectId = await reviewedProject();
    const run = await makeSplitVersion(projectId, {}, TEST_ACTOR);
    expect(run).toMatchObject({ status: "succeeded", seed: "v1", ratios: { train: 0.8, validation: 0.1, test: 0.1 }, progress: 1, error: null });
    expect(run.result?.version).toBe(1);
    const [v] = await listSplitVersions(projectId);
    expect(v).toMatchObject({ version: 1, seed: "v1", counts: run.result!.counts });
    const second = await makeSplitVersion(projectId, { seed: "mine", ratios: { train: 0.5, validation: 0.25, test: 0.25 } }, TEST_ACTOR);
    expect(second).toMatchObject({ status: "succeeded", seed: "mine", result: { version: 2 } });
  });

  it("refuses bad ratios and a second run while one runs; a worker takes a queued one; failures are recorded with their reason", async () => {
    const projectId = await reviewedProject();
    await expect(requestSplitRun(projectId, { ratios: { train: 0.9, validation: 0.9, test: 0 } }, TEST_ACTOR)).rejects.toThrow("add up to 1");
    const id = await requestSplitRun(projectId, {}, TEST_ACTOR);
    expect(await splitRun(projectId, id)).toMatchObject({ status: "running", waiting: true });
    await expect(requestSplitRun(projectId, {}, TEST_ACTOR)).rejects.toThrow("being made for this project already");
    await workers.inProcess();
    for (let i = 0; i < 100 && (await splitRun(projectId, id)).status === "running"; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await splitRun(projectId, id)).toMatchObject({ status: "succeeded", result: { version: 1 } });

    const empty = await makeProject();
    const failed = await performSplitRun(await requestSplitRun(empty.id, {}, TEST_ACTOR, { queued: false }));
    expect(failed).toMatchObject({ status: "failed", error: "No artifact is final and accepted yet: there is nothing to split." });
    expect(await count(sql`SELECT COUNT(*) FROM "SplitVersion" WHERE "projectId" = ${empty.id}`)).toBe(0);
    await expect(splitRun(projectId + 999, id)).rejects.toThrow("has no split run");
  });
});
