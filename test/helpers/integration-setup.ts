// Each test worker gets its own real SQLite file, migrated before any test module opens it.
// DATABASE_URL is set before anything imports lib/env (hence the dynamic imports).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const file = path.join(os.tmpdir(), `workbench-test-${process.pid}-${process.env.VITEST_POOL_ID ?? "0"}.db`);
// a file left by an earlier run whose process had the same pid would carry its old migrations
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
process.env.DATABASE_URL = `file:${file}`;
// uploads as large as the disk: the disk-room check, not the size limit, is what refuses them
process.env.API_MAX_UPLOAD_BYTES = String(2 ** 50);
const { openSqlite } = await import("@/lib/server/sqlite");
const { migrate } = await import("@/lib/server/migrate");
const db = openSqlite(process.env.DATABASE_URL);
migrate(db);
db.close();
