import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openPostgresDb } from "@/lib/db/postgres-backend";
import { sql } from "@/lib/db/sql";

/** A fresh directory and an empty database of its own on the test cluster: the CLI migrates it. */
export async function cliSandbox() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-cli-"));
  const adminUrl = inject("postgresAdminUrl");
  const name = `workbench_cli_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const admin = openPostgresDb(adminUrl, { max: 1 });
  try {
    await admin.exec(sql`CREATE DATABASE ${sql.raw(name)}`);
  } finally {
    await admin.close();
  }
  return { dir, databaseUrl: adminUrl.replace(/\/postgres$/, `/${name}`), file: (f: string) => path.join(dir, f) };
}

/** Runs `npm run cli -- ARGS` the way a user does (same node flags), without npm's banner. */
export function runCli(args: string[], databaseUrl: string, dataDir?: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/cli/main.ts", ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", ...(dataDir ? { DATA_DIR: dataDir } : {}) },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh directory for files a command reads or writes without a database. */
export function fileSandbox() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-cli-"));
  return { dir, file: (f: string) => path.join(dir, f) };
}
