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

// one per run: a run on an external server must not meet the template of another run (or role)
export const TEMPLATE = `workbench_template_${process.pid}`;

/**
 * An embedded cluster of the run's own, or, with TEST_POSTGRES_URL (a URL of the `postgres`
 * database of an external server, as a role that may create databases), that server: the suite
 * runs the same on Debian's PostgreSQL 15 as on the embedded 18.
 */
async function testCluster(): Promise<{ adminUrl: string; urlOf(name: string): string; stop(): Promise<void> }> {
  const external = process.env.TEST_POSTGRES_URL;
  if (external) {
    if (!/\/postgres$/.test(external)) throw new Error("TEST_POSTGRES_URL names the server's `postgres` database: postgres://user:password@host:5432/postgres");
    return { adminUrl: external, urlOf: (name) => external.replace(/\/postgres$/, `/${name}`), stop: async () => {} };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-pg-"));
  fs.chmodSync(dir, 0o755); // the postgres system user must reach the cluster below it
  const cluster = await startEmbeddedPostgres({ dir: path.join(dir, "cluster"), port: await freePort() });
  return {
    ...cluster,
    async stop() {
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject) {
  const cluster = await testCluster();
  const { openDb } = await import("@/lib/db/client");
  const { sql } = await import("@/lib/db/sql");
  const { migratePostgres } = await import("@/lib/db/migrate-postgres");
  const { ensureQueues } = await import("@/lib/server/jobs/queue");
  const admin = openDb(cluster.adminUrl);
  await admin.exec(sql`DROP DATABASE IF EXISTS ${sql.raw(TEMPLATE)}`);
  await admin.exec(sql`CREATE DATABASE ${sql.raw(TEMPLATE)}`);
  await migratePostgres(cluster.urlOf(TEMPLATE));
  await ensureQueues(cluster.urlOf(TEMPLATE));
  await admin.close();
  project.provide("postgresAdminUrl", cluster.adminUrl);
  project.provide("postgresTemplate", TEMPLATE);
  return () => cluster.stop();
}
