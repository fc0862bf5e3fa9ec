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

describe("the embedded PostgreSQL shared by commands started at once", () => {
  it("is started by one of 8 commands on a fresh DATA_DIR, used by all, and stopped by the last to leave", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-shared-"));
    const port = await freePort();
    try {
      const ratings = path.join(dataDir, "ratings.jsonl");
      fs.writeFileSync(ratings, ["a", "b"].flatMap((item) => ["x", "y"].map((annotator) => JSON.stringify({ item, annotator, label: "accept" }))).join("\n") + "\n");
      const commands = [
        ["users", "add", "--email", "one@example.org", "--role", "annotator", "--password", "a-long-password-1"],
        ["users", "add", "--email", "two@example.org", "--role", "annotator", "--password", "a-long-password-2"],
        ["users", "add", "--email", "three@example.org", "--role", "lead", "--password", "a-long-password-3"],
        ["agreement", ratings, "--json"],
        ["agreement", ratings, "--json"],
        ["db", "status"],
        ["db", "migrate"],
        ["rules", "export", "--project", "Nowhere"],
      ];
      const runs = await Promise.all(commands.map((args) => cliAsync(args, dataDir, port)));
      // every command ends as it should: db status may see the migrations still pending (2) while
      // another command applies them; the rules of a project that does not exist are an error in a sentence
      expect(runs.map((r, i) => (i === 5 && r.code === 2 ? 0 : r.code))).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
      expect(runs.map((r) => r.stderr).join("")).not.toMatch(/undefined|TypeError|triggerUncaughtException|at .*\.ts:\d+/);
      expect(runs[7].stderr).toMatch(/^error: .*Nowhere/);
      // the cluster is gone once the last command left, and nobody counts as using it
      const postmaster = path.join(dataDir, "postgres", "postmaster.pid");
      expect(fs.existsSync(postmaster)).toBe(false);
      expect(fs.readdirSync(path.join(dataDir, "postgres.users"))).toEqual([]);
      expect(fs.existsSync(path.join(dataDir, "postgres.lock"))).toBe(false);
      // and it starts again for the next command, with the three accounts in it
      const again = await cliAsync(["db", "status"], dataDir, port);
      expect(again).toEqual({ code: 0, stderr: "" });
      expect(fs.existsSync(postmaster)).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);

  it("is stopped by a last command that ends through process.exit (its reader closed the pipe): nothing keeps running", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-exit-"));
    const port = await freePort();
    try {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/cli.ts", "db", "migrate"], {
        env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port), NODE_ENV: "production" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout.destroy(); // `cli db migrate | true`: the reader is gone before the first line
      let stderr = "";
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      // it started the cluster and left on its way out: the postmaster stops by itself soon after
      const postmaster = path.join(dataDir, "postgres", "postmaster.pid");
      for (let i = 0; i < 200 && fs.existsSync(postmaster); i++) await new Promise((r) => setTimeout(r, 100));
      expect(fs.existsSync(postmaster)).toBe(false);
      expect(fs.readdirSync(path.join(dataDir, "postgres.users"))).toEqual([]);
      expect(fs.existsSync(path.join(dataDir, "postgres.lock"))).toBe(false);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
