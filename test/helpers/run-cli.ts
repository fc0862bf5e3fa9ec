import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** A fresh directory with a database URL of its own: the CLI creates and migrates it. */
export function cliSandbox() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-cli-"));
  return { dir, databaseUrl: `file:${path.join(dir, "app.db")}`, file: (name: string) => path.join(dir, name) };
}

/** Runs `npm run cli -- ARGS` the way a user does (same node flags), without npm's banner. */
export function runCli(args: string[], databaseUrl: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/cli/main.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production" },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
