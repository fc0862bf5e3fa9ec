// Starts the workbench the way a user does (`npm start`: migrate, seed the demo, build if needed,
// serve) on a free port with a database file of its own, and stops it after the e2e suite.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { assertChromium } from "../helpers/browser";
import { freePort } from "../helpers/free-port";
import { exited, startInstance, stop, waitUntilUp } from "../helpers/instances";

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
