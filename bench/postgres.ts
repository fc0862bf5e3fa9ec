// The benchmarks' PostgreSQL: an embedded cluster of their own in a temporary folder (the same
// server `npm start` runs), or the server of BENCH_POSTGRES_URL (a URL of its `postgres`
// database, whose user may create databases). Each benchmark gets a fresh, migrated database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { freePort } from "../test/helpers/free-port";

export interface BenchServer {
  /** a new database, migrated unless `bare` */
  database(name: string, opts?: { bare?: boolean }): Promise<string>;
  stop(): Promise<void>;
}

export async function benchServer(): Promise<BenchServer> {
  const external = process.env.BENCH_POSTGRES_URL;
  let adminUrl: string;
  let stop = async () => {};
  if (external) adminUrl = external;
  else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-pg-"));
    fs.chmodSync(dir, 0o755); // the postgres system user must reach the cluster below it
    process.stderr.write("starting an embedded PostgreSQL for the benchmark...\n");
    const cluster = await startEmbeddedPostgres({ dir: path.join(dir, "cluster"), port: await freePort() });
    adminUrl = cluster.adminUrl;
    stop = async () => {
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  const { openDb } = await import("../lib/db/client");
  const { sql } = await import("../lib/db/sql");
  const { migratePostgres } = await import("../lib/db/migrate-postgres");
  const urlOf = (name: string) => {
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  return {
    async database(name, opts = {}) {
      const db = `bench_${name.replace(/\W/g, "_")}_${Date.now()}`;
      const admin = openDb(adminUrl);
      await admin.exec(sql`CREATE DATABASE ${sql.raw(db)}`);
      await admin.close();
      if (!opts.bare) await migratePostgres(urlOf(db));
      return urlOf(db);
    },
    stop,
  };
}
