import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { dataDir } from "@/lib/env";
import { backupDatabase } from "@/lib/server/backup/backup-database";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { exportRunScratch, performExportRun, requestExport } from "@/lib/server/splits/export-runs";
import { count, sql } from "../helpers/db";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject } from "../helpers/factories";

// A disk that fills while the workbench writes to it (a small tmpfs mounted where it writes): the
// run ends failed with the reason, nothing partial stays, and the app goes on serving. Mounting
// needs root, as on CI; elsewhere these are skipped.
const canMount = (() => {
  if (process.getuid?.() !== 0) return false;
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), "mount-probe-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe], { stdio: "ignore" });
    execFileSync("umount", [probe], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
})();

const mounted: string[] = [];
/** A file system of `size` mounted at `dir` (made if missing) until the test ends. */
function smallDisk(dir: string, size: string): string {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0700`, "tmpfs", dir]);
  mounted.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of mounted.splice(0)) execFileSync("umount", [dir]);
});

async function exportableVersion() {
  const project = await makeProject();
  const [a, b] = [await makeAccount(), await makeAccount()];
  expect((await importText(project.id, jsonl([...generateDemoBatch({ users: 60, seed: "full-disk", annotators: [a.email, b.email] })]))).ok).toBe(true);
  await db().exec(sql`UPDATE "ArtifactState" SET "status" = 'accepted', "finalDecision" = 'accept', "decidedBy" = 'annotators', "finalizedAt" = now() WHERE "projectId" = ${project.id}`);
  const { version } = await createSplitVersion(project.id, { ratios: { train: 0.8, validation: 0.1, test: 0.1 }, seed: "full" }, TEST_ACTOR);
  return { projectId: project.id, version };
}

describe.skipIf(!canMount)("a full disk", () => {
  it("ends an export run failed with the reason, leaves no partial file on disk or in the database, and the app goes on", async () => {
    const { projectId, version } = await exportableVersion();
    smallDisk(path.join(dataDir(), "scratch"), "64k");
    const runId = await requestExport(projectId, version, "export", TEST_ACTOR);
    const run = await performExportRun(runId);
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/^The disk under DATA_DIR is full/);
    expect(fs.existsSync(exportRunScratch(runId))).toBe(false);
    expect(fs.readdirSync(path.join(dataDir(), "scratch"))).toEqual([]);
    expect(await count(sql`SELECT COUNT(*) FROM "StoredFile" WHERE starts_with("key", ${`export-run/${runId}/`})`)).toBe(0);
    // the next run, once there is room, succeeds
    execFileSync("umount", [mounted.pop()!]);
    expect((await performExportRun(await requestExport(projectId, version, "export", TEST_ACTOR))).status).toBe("succeeded");
  });

  it("refuses a backup the disk cannot hold with the reason, and leaves no partial file", async () => {
    await exportableVersion(); // something to back up
    const disk = smallDisk(fs.mkdtempSync(path.join(os.tmpdir(), "backup-disk-")), "64k");
    const file = path.join(disk, "full.backup.gz");
    await expect(backupDatabase(process.env.DATABASE_URL!, file)).rejects.toMatchObject({ code: "insufficient_storage", message: expect.stringMatching(/^The disk is full/) });
    expect(fs.readdirSync(disk)).toEqual([]);
    expect(await count(sql`SELECT 1`)).toBe(1);
  });
});
