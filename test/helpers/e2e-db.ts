// The e2e server's database, for tests that arrange what no screen sets yet and check what a
// screen stored. One small pool per test file, closed after it.
import { afterAll, inject } from "vitest";
import { count as countIn } from "./db";
import { openDb, type Db } from "@/lib/db/client";
import type { Sql } from "@/lib/db/sql";

export { sql } from "@/lib/db/sql";
export { col, row } from "@/lib/db/columns";

let pool: Db | undefined;

/** The server's database (opened on first use). */
export function serverDb(): Db {
  return (pool ??= openDb(inject("databaseUrl")));
}

afterAll(async () => {
  await pool?.close();
  pool = undefined;
});

/** The first column of the first row as a number (counts, ids). */
export const count = (q: Sql) => countIn(q, serverDb());

/** Runs a statement; returns the rows it changed. */
export const exec = (q: Sql) => serverDb().exec(q);
