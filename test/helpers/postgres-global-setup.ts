// One embedded PostgreSQL cluster per test run: a template database migrated once, from which each
// test worker makes a database of its own (test/helpers/postgres-setup.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { freePort } from "./free-port";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresTemplate: string;
  }
}

export const TEMPLATE = "workbench_template";

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-pg-"));
  fs.chmodSync(dir, 0o755); // the postgres system user must reach the cluster below it
  const cluster = await startEmbeddedPostgres({ dir: path.join(dir, "cluster"), port: await freePort() });
  const { openDb } = await import("@/lib/db/client");
  const { sql } = await import("@/lib/db/sql");
  const { migratePostgres } = await import("@/lib/db/migrate-postgres");
  const { ensureQueues } = await import("@/lib/server/jobs/queue");
  const admin = openDb(cluster.adminUrl);
  await admin.exec(sql`CREATE DATABASE ${sql.raw(TEMPLATE)}`);
  await migratePostgres(cluster.urlOf(TEMPLATE));
  await ensureQueues(cluster.urlOf(TEMPLATE));
  await admin.close();
  project.provide("postgresAdminUrl", cluster.adminUrl);
  project.provide("postgresTemplate", TEMPLATE);
  return async () => {
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
