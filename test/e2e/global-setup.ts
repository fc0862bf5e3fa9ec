// Starts the workbench the way a user does (`npm start`: migrate, seed the demo, build if needed,
// serve) on a free port with a database file of its own, and stops it after the e2e suite.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { assertChromium } from "../helpers/browser";
import { freePort } from "../helpers/free-port";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    /** the server's database, for tests that arrange what no screen sets yet (project settings, membership) */
    databaseUrl: string;
    /** the server's DATA_DIR (its session secret, uploads, exports) */
    dataDir: string;
  }
}

async function waitUntilUp(url: string, server: { exitCode: number | null }, log: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`The workbench did not come up at ${url} within ${timeoutMs / 1000}s:\n${log()}`);
}

/** The e2e server's upload limit for the pipeline API: small, so that a test can pass it. */
export const API_MAX_UPLOAD_BYTES = 2_000_000;

function stop(pid: number | undefined) {
  try {
    if (pid) process.kill(-pid, "SIGTERM"); // the whole group: npm start and the next server it spawned
  } catch {
    // already gone
  }
}

export default async function setup(project: TestProject) {
  assertChromium();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-e2e-"));
  const port = await freePort();
  let output = "";
  fs.chmodSync(dir, 0o755); // the postgres system user must reach the embedded cluster below it
  const pgPort = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), DATABASE_URL: "", DATA_DIR: dir, EMBEDDED_PG_PORT: String(pgPort), DEMO_USERS: "12", NODE_ENV: "production", API_MAX_UPLOAD_BYTES: String(API_MAX_UPLOAD_BYTES), NEXTAUTH_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (process.env.E2E_VERBOSE) process.stderr.write(chunk);
  };
  server.stdout.on("data", keep);
  server.stderr.on("data", keep);
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(`${baseURL}/login`, server, () => output, 15 * 60_000);
  } catch (e) {
    stop(server.pid);
    throw e;
  }
  // the embedded PostgreSQL that npm start ran under DATA_DIR
  const password = fs.readFileSync(path.join(dir, "postgres.password"), "utf8").trim();
  const databaseUrl = `postgres://workbench:${password}@127.0.0.1:${pgPort}/workbench`;
  project.provide("baseURL", baseURL);
  project.provide("databaseUrl", databaseUrl);
  project.provide("dataDir", dir);
  return async () => {
    stop(server.pid);
    // npm start stops its embedded PostgreSQL before it exits: wait, then remove what it kept
    await new Promise<void>((resolve) => {
      if (server.exitCode !== null) return resolve();
      const timer = setTimeout(resolve, 15_000);
      server.once("exit", () => (clearTimeout(timer), resolve()));
    });
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
}
