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
    /** the first instance's DATA_DIR (its embedded PostgreSQL) */
    dataDir: string;
    /** a second instance of the app (its own server and worker) on the same database */
    secondURL: string;
    /** the second instance's DATA_DIR: its own, as on another machine */
    secondDataDir: string;
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

/** The e2e server's upload limit: past Next's 10 MB proxy buffer (a 30 MB batch must arrive whole), small enough for a test to pass it. */
export const API_MAX_UPLOAD_BYTES = 40_000_000;

function stop(pid: number | undefined) {
  try {
    if (pid) process.kill(-pid, "SIGTERM"); // the whole group: npm start and the next server it spawned
  } catch {
    // already gone
  }
}

/** `npm start` with this environment, in a process group of its own; its output is kept for errors. */
function startInstance(env: Record<string, string>) {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/start.ts"], {
    // webhooks: two attempts a second apart, so a test sees a dead receiver's delivery fail
    env: {
      ...process.env,
      NODE_ENV: "production",
      API_MAX_UPLOAD_BYTES: String(API_MAX_UPLOAD_BYTES),
      WEBHOOK_ATTEMPTS: "2",
      WEBHOOK_RETRY_SECONDS: "1",
      WEBHOOK_ALLOW_HTTP: "1",
      WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    if (process.env.E2E_VERBOSE) process.stderr.write(chunk);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  return { child, output: () => output };
}

const exited = (child: { exitCode: number | null; once(e: "exit", f: () => void): unknown }) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    const timer = setTimeout(resolve, 15_000);
    child.once("exit", () => (clearTimeout(timer), resolve()));
  });

export default async function setup(project: TestProject) {
  assertChromium();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-e2e-"));
  const port = await freePort();
  fs.chmodSync(dir, 0o755); // the postgres system user must reach the embedded cluster below it
  const pgPort = await freePort();
  const first = startInstance({ PORT: String(port), DATABASE_URL: "", DATA_DIR: dir, EMBEDDED_PG_PORT: String(pgPort), DEMO_USERS: "12", NEXTAUTH_URL: `http://127.0.0.1:${port}` });
  const server = first.child;
  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(`${baseURL}/login`, server, first.output, 15 * 60_000);
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
  // the second instance: another port, the first's database and a DATA_DIR of its own, as on
  // another machine behind a load balancer (the two share nothing but PostgreSQL)
  const secondPort = await freePort();
  const secondDir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-e2e-second-"));
  project.provide("secondDataDir", secondDir);
  const second = startInstance({ PORT: String(secondPort), DATABASE_URL: databaseUrl, DATA_DIR: secondDir, NEXTAUTH_URL: `http://127.0.0.1:${secondPort}` });
  const secondURL = `http://127.0.0.1:${secondPort}`;
  try {
    await waitUntilUp(`${secondURL}/login`, second.child, second.output, 5 * 60_000);
  } catch (e) {
    stop(second.child.pid);
    stop(server.pid);
    fs.rmSync(secondDir, { recursive: true, force: true });
    throw e;
  }
  project.provide("secondURL", secondURL);
  return async () => {
    stop(second.child.pid);
    await exited(second.child);
    stop(server.pid);
    // npm start stops its embedded PostgreSQL before it exits: wait, then remove what it kept
    await exited(server);
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    fs.rmSync(secondDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
}
