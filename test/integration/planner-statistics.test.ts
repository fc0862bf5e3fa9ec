import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { analyzeGrownTables, ProjectGrowth } from "@/lib/db/planner-statistics";
import { sql } from "@/lib/db/sql";
import { z } from "zod";
import { col, row } from "@/lib/db/columns";
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

describe("ProjectGrowth", () => {
  const probe = `project_growth_${process.pid}`;
  afterEach(() => db().exec(sql`DROP TABLE IF EXISTS ${sql.raw(`"${probe}"`)}`));

  it("analyzes a table once a transaction's rows for a project pass twice what the planner expects of it, and not before", async () => {
    // a big project 1 the statistics know; project 2 is new
    await db().exec(sql`CREATE TABLE ${sql.raw(`"${probe}"`)} AS SELECT 1 AS "projectId", g AS "id" FROM generate_series(1, 50000) g`);
    await db().exec(sql`ANALYZE ${sql.raw(`"${probe}"`)}`);
    await db().tx(async (t) => {
      const planned = async () =>
        (
          await t.many(
            row({ "QUERY PLAN": col.json(z.array(z.object({ Plan: z.object({ "Plan Rows": z.number() }) }))) }),
            sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${sql.raw(`"${probe}"`)} WHERE "projectId" = 2`,
          )
        )[0]["QUERY PLAN"][0].Plan["Plan Rows"];
      const write = (n: number) => t.exec(sql`INSERT INTO ${sql.raw(`"${probe}"`)} SELECT 2, g FROM generate_series(1, ${n}) g`);
      const growth = new ProjectGrowth(t, 2);
      expect(await planned()).toBeLessThan(10);
      await write(500);
      expect(await growth.wrote({ [probe]: 500 })).toEqual([]); // under 1,000 rows: not worth a look
      await write(5000);
      expect(await growth.wrote({ [probe]: 5000 })).toEqual([probe]);
      expect(await planned()).toBeGreaterThan(2000); // the transaction's own rows count
      await write(2000);
      expect(await growth.wrote({ [probe]: 2000 })).toEqual([]); // 7,500 written, about 5,500 expected
    });
  });
});

describe("an import", () => {
  it("leaves the planner's statistics counting what it wrote in every table an artifact has a row in", async () => {
    const { importText, jsonl, makeProject } = await import("../helpers/factories");
    const { generateDemoBatch } = await import("@/lib/domain/demo/generate");
    const project = await makeProject();
    expect((await importText(project.id, jsonl([...generateDemoBatch({ users: 300, seed: "planner" })]))).ok).toBe(true);
    for (const table of ["Artifact", "ArtifactState", "ArtifactText"]) {
      // ANALYZE reads every row of a table this small: its estimate is then the count
      const estimate = await count(sql`SELECT "reltuples" FROM pg_class WHERE "relname" = ${table}`);
      expect(estimate, table).toBe(await count(sql`SELECT COUNT(*) FROM ${sql.raw(`"${table}"`)}`));
    }
  });
});
