import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freePort } from "../helpers/free-port";

// `npm run cli` with no DATABASE_URL starts the embedded PostgreSQL in DATA_DIR, but only for a
// command that needs a database: help, a ratings file's agreement and a demo batch need none, and
// must neither create a cluster nor leave one running.

function cli(args: string[], dataDir: string, port: number) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/cli.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), NODE_ENV: "production" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("cli commands that need no database", () => {
  it("start no PostgreSQL: --help, a command's --help, agreement FILE, demo", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-nodb-"));
    try {
      const port = await freePort();
      const ratings = path.join(dataDir, "ratings.jsonl");
      fs.writeFileSync(ratings, ["a", "b"].flatMap((item) => ["x", "y"].map((annotator) => JSON.stringify({ item, annotator, label: "accept" }))).join("\n") + "\n");
      const runs = [
        cli(["--help"], dataDir, port),
        cli(["import", "--help"], dataDir, port),
        cli(["agreement", ratings, "--json"], dataDir, port),
        cli(["demo", "--out", path.join(dataDir, "demo.jsonl"), "--users", "2"], dataDir, port),
      ];
      expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
      expect(runs[0].stdout).toContain("HumanLLM Review Workbench command line");
      expect(JSON.parse(runs[2].stdout)).toMatchObject({ items: 2 });
      // no cluster was made in DATA_DIR, and nothing listens on its port
      expect(fs.existsSync(path.join(dataDir, "postgres"))).toBe(false);
      expect(runs.map((r) => r.stderr).join("")).not.toMatch(/postgres/i);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** The CLI run as a child that does not block this process (which holds the port meanwhile). */
function cliAsync(args: string[], dataDir: string, port: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/cli.ts", ...args], {
      env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), NODE_ENV: "production" },
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

describe("an embedded PostgreSQL that cannot start", () => {
  it("is told with PostgreSQL's own reason and what to do, in one line, never as undefined", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-nostart-"));
    const port = await freePort();
    const squatter = net.createServer().listen(port, "127.0.0.1");
    try {
      await new Promise((r) => squatter.once("listening", r));
      const r = await cliAsync(["db", "status"], dataDir, port);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        `error: PostgreSQL did not start in ${path.join(dataDir, "postgres")} on port ${port}: could not create any TCP/IP sockets. Another program listens on port ${port}: stop it, or set EMBEDDED_PG_PORT to a free port (or DATABASE_URL to a PostgreSQL server).\n`,
      );
    } finally {
      squatter.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
