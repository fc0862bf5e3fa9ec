import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dataDir } from "@/lib/env";
import { backupDatabase } from "@/lib/server/backup/backup-database";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { exportVerified } from "@/lib/server/splits/freeze-split-version";
import { cliSandbox } from "../helpers/run-cli";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject, tinyBatch } from "../helpers/factories";

// What the workbench keeps on disk is its owner's alone: folders 700, files 600, and a folder or
// file that others could read is narrowed when it is written again.

const mode = (p: string) => fs.statSync(p).mode & 0o7777;
const tmp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** A project with one accepted artifact and a split version holding it. */
async function exportableVersion() {
  const project = await makeProject();
  const [a, b] = [await makeAccount(), await makeAccount()];
  const t = tinyBatch();
  const verdict = (who: { email: string }) => ({ type: "verdict", artifact_id: t.artifactId, annotator: who.email, decision: "accept", created_at: "2026-11-20T10:00:00Z" });
  expect((await importText(project.id, jsonl([t.user, t.post, t.artifact, verdict(a), verdict(b)]))).ok).toBe(true);
  const { version } = await createSplitVersion(project.id, { ratios: { train: 1, validation: 0, test: 0 }, seed: "private" }, TEST_ACTOR);
  return { projectId: project.id, version };
}

describe("files at rest", () => {
  it("writes a backup 600, and a backup written over one that others could read becomes 600", async () => {
    const dir = tmp("backup-");
    const file = path.join(dir, "new.backup.gz");
    await backupDatabase(process.env.DATABASE_URL!, file);
    expect(mode(file)).toBe(0o600);
    const old = path.join(dir, "old.backup.gz");
    fs.writeFileSync(old, "an older backup");
    fs.chmodSync(old, 0o644);
    await backupDatabase(process.env.DATABASE_URL!, old);
    expect(mode(old)).toBe(0o600);
  });

  it("`cli export --out DIR` writes files 600 and makes a missing DIR 700; an existing DIR keeps the mode its owner gave it, and its older files are replaced by private ones", async () => {
    const { projectId, version } = await exportableVersion();
    const fresh = path.join(tmp("export-"), "out");
    await exportVerified(projectId, version, fresh);
    expect(mode(fresh)).toBe(0o700);
    for (const f of fs.readdirSync(fresh)) expect([f, mode(path.join(fresh, f))]).toEqual([f, 0o600]);

    const named = tmp("export-");
    fs.chmodSync(named, 0o755);
    fs.writeFileSync(path.join(named, "train.jsonl"), "an older export\n");
    fs.chmodSync(path.join(named, "train.jsonl"), 0o644);
    await exportVerified(projectId, version, named);
    expect(mode(named)).toBe(0o755);
    expect(mode(path.join(named, "train.jsonl"))).toBe(0o600);
  });

  it("seeds the demo into a DATA_DIR of 700 with its batch file 600, though both were wider", async () => {
    const box = await cliSandbox();
    const data = path.join(box.dir, "data");
    fs.mkdirSync(data, { mode: 0o755 });
    fs.chmodSync(data, 0o755);
    fs.writeFileSync(path.join(data, "demo-batch.jsonl"), "");
    fs.chmodSync(path.join(data, "demo-batch.jsonl"), 0o644);
    const script = `
      const { ensureDatabase } = await import(${JSON.stringify(path.resolve("lib/server/ensure-database.ts"))});
      await ensureDatabase(process.env.DATABASE_URL);
      const { seedDemo } = await import(${JSON.stringify(path.resolve("lib/server/demo/seed-demo.ts"))});
      if (!(await seedDemo({ users: 2, seed: "private", dataDir: process.env.DATA_DIR }))) throw new Error("not seeded");
      process.exit(0);`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "--input-type=module", "-e", script], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: box.databaseUrl, DATA_DIR: data },
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect([mode(data), mode(path.join(data, "demo-batch.jsonl"))]).toEqual([0o700, 0o600]);
  }, 60_000);
});
