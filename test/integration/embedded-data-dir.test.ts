import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../helpers/free-port";

// `npm run cli` with no DATABASE_URL runs the embedded PostgreSQL in DATA_DIR/postgres. DATA_DIR is
// owner-only; as root, PostgreSQL runs as the `postgres` system user, whose group may pass through
// DATA_DIR (0710) to reach its cluster, and nobody else may enter it.

const mode = (p: string) => fs.statSync(p).mode & 0o7777;

function cli(args: string[], dataDir: string, port: number, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/cli.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), NODE_ENV: "production", ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the embedded PostgreSQL's DATA_DIR", () => {
  it("is made owner-only (the cluster's group may only pass through, as root) and the cluster starts in it, the first time and again", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-data-"));
    try {
      fs.chmodSync(dataDir, 0o755);
      fs.writeFileSync(path.join(dataDir, "postgres.password"), "a-password-made-before\n");
      fs.chmodSync(path.join(dataDir, "postgres.password"), 0o644);
      const port = await freePort();
      const first = cli(["db", "migrate"], dataDir, port);
      expect(first.stderr).not.toMatch(/error/i);
      expect(first.code).toBe(0);
      const check = () => {
        const st = fs.statSync(dataDir);
        if (process.getuid?.() === 0) {
          const cluster = fs.statSync(path.join(dataDir, "postgres"));
          expect(cluster.uid).not.toBe(0);
          expect([st.mode & 0o7777, st.uid, st.gid]).toEqual([0o710, 0, cluster.gid]);
        } else expect(st.mode & 0o7777).toBe(0o700);
        expect(mode(path.join(dataDir, "postgres.password"))).toBe(0o600);
      };
      check();
      // widened again by hand: the next start narrows it and the cluster still starts
      fs.chmodSync(dataDir, 0o755);
      const again = cli(["db", "status"], dataDir, port);
      expect(again).toMatchObject({ code: 0, stdout: expect.stringContaining("applied") });
      check();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("never puts the new cluster's password in the shared temporary folder while initdb runs", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-data-"));
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), "shared-tmp-"));
    fs.chmodSync(shared, 0o1777);
    const seen: string[] = [];
    const watcher = fs.watch(shared, (_event, name) => name && seen.push(name));
    try {
      const created = cli(["db", "migrate"], dataDir, await freePort(), { TMPDIR: shared });
      expect(created.code, created.stderr).toBe(0);
      expect(fs.readdirSync(dataDir)).not.toContain("postgres.initdb"); // its private folder is gone too
      await new Promise((resolve) => setTimeout(resolve, 200)); // the watcher's events, queued while the command ran
    } finally {
      watcher.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(shared, { recursive: true, force: true });
    }
    expect(seen.filter((n) => n.startsWith("pg-password"))).toEqual([]);
  }, 120_000);
});
