import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { analyzeGrownTables } from "@/lib/db/planner-statistics";
import { sql } from "@/lib/db/sql";
import { count } from "../helpers/db";

const table = `planner_probe_${process.pid}`;

describe("analyzeGrownTables", () => {
  afterEach(() => db().exec(sql`DROP TABLE IF EXISTS ${sql.raw(`"${table}"`)}`));

  it("analyzes a table that grew by more than a tenth, and leaves one that barely changed", async () => {
    await db().exec(sql`CREATE TABLE ${sql.raw(`"${table}"`)} AS SELECT g AS "n" FROM generate_series(1, 1000) g`);
    const estimate = () => count(sql`SELECT "reltuples" FROM pg_class WHERE "relname" = ${table}`);
    expect(await estimate()).toBeLessThanOrEqual(0); // never analyzed: the planner guesses

    expect(await analyzeGrownTables(db(), { [table]: 1000, Account: 0 })).toEqual([table]);
    expect(await estimate()).toBe(1000);

    await db().exec(sql`INSERT INTO ${sql.raw(`"${table}"`)} SELECT g FROM generate_series(1, 20) g`);
    expect(await analyzeGrownTables(db(), { [table]: 20 })).toEqual([]);
    expect(await estimate()).toBe(1000);

    await db().exec(sql`INSERT INTO ${sql.raw(`"${table}"`)} SELECT g FROM generate_series(1, 500) g`);
    expect(await analyzeGrownTables(db(), { [table]: 500 })).toEqual([table]);
    expect(await estimate()).toBe(1520);
  });
});
