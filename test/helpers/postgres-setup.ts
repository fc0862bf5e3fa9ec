// Each test worker gets a database of its own, copied from the migrated template, before any test
// module opens it. DATABASE_URL is set before anything imports lib/env (hence the dynamic imports).
import { inject } from "vitest";

const adminUrl = inject("postgresAdminUrl");
const name = `workbench_test_${process.pid}_${process.env.VITEST_POOL_ID ?? "0"}`;
// lib/db/client would load lib/env now, before DATABASE_URL names this worker's database
const { openPostgresDb } = await import("@/lib/db/postgres-backend");
const { sql } = await import("@/lib/db/sql");
const admin = openPostgresDb(adminUrl, { max: 1 });
await admin.exec(sql`DROP DATABASE IF EXISTS ${sql.raw(name)}`);
await admin.exec(sql`CREATE DATABASE ${sql.raw(name)} TEMPLATE ${sql.raw(inject("postgresTemplate"))}`);
await admin.close();
process.env.DATABASE_URL = adminUrl.replace(/\/postgres$/, `/${name}`);
// what the app keeps on disk (exports, uploads), apart per worker: each worker's database numbers its runs from 1
{
  const fs = await import("node:fs");
  const path = await import("node:path");
  const os = await import("node:os");
  process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-data-"));
}
// the webhook receivers of these tests listen on loopback over plain http, as an operator may allow
process.env.WEBHOOK_ALLOW_HTTP = "1";
process.env.WEBHOOK_ALLOWED_HOSTS = "127.0.0.1,localhost";
// uploads as large as the disk: the disk-room check, not the size limit, is what refuses them
process.env.API_MAX_UPLOAD_BYTES = String(2 ** 50);
