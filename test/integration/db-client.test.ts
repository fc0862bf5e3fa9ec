import { describe, expect, it } from "vitest";
import { db, withinTime, type Queryable } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { copyRow } from "@/lib/db/copy-text";
import { sql } from "@/lib/db/sql";
import { unique } from "../helpers/factories";

const Project = row({ id: col.int, name: col.text, overlap: col.int, createdAt: col.date });

async function insertProject(name: string, q: Queryable = db()) {
  return q.one(row({ id: col.int }), sql`INSERT INTO "Project" ("name", "overlap", "createdAt", "updatedAt") VALUES (${name}, ${2}, ${new Date()}, ${new Date()}) RETURNING "id"`);
}

describe("the data layer", () => {
  it("returns parsed rows and counts changed rows", async () => {
    const name = unique("p");
    const { id } = await insertProject(name);
    const p = await db().one(Project, sql`SELECT "id", "name", "overlap", "createdAt" FROM "Project" WHERE "id" = ${id}`);
    expect(p).toMatchObject({ id, name, overlap: 2 });
    expect(p.createdAt).toMatch(/Z$/);
    expect(await db().exec(sql`UPDATE "Project" SET "overlap" = ${3} WHERE "id" = ${id}`)).toBe(1);
    expect(await db().maybe(Project, sql`SELECT "id", "name", "overlap", "createdAt" FROM "Project" WHERE "id" = ${-1}`)).toBeUndefined();
  });

  it("rolls a transaction back when it throws, and commits when it resolves", async () => {
    const kept = unique("kept");
    const lost = unique("lost");
    await db().tx((t) => insertProject(kept, t));
    await expect(
      db().tx(async (t) => {
        await insertProject(lost, t);
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    const names = await db().many(row({ name: col.text }), sql`SELECT "name" FROM "Project" WHERE "name" IN ${sql.list([kept, lost])}`);
    expect(names.map((n) => n.name)).toEqual([kept]);
  });

  it("stops work past its time, with nothing it wrote kept, and leaves the connection's later statements unbounded", async () => {
    const late = unique("late");
    const Slept = row({ slept: col.bool });
    const stopped = await withinTime(db(), 50, async (t) => {
      await insertProject(late, t);
      return t.one(Slept, sql`SELECT pg_sleep(2) IS NOT NULL AS "slept"`);
    });
    expect(stopped).toBeUndefined();
    expect(await db().many(row({ name: col.text }), sql`SELECT "name" FROM "Project" WHERE "name" = ${late}`)).toEqual([]);
    expect(await withinTime(db(), 1000, (t) => t.one(Slept, sql`SELECT pg_sleep(0.01) IS NOT NULL AS "slept"`))).toEqual({ slept: true });
    // the limit was the transaction's own: the pool's connections run long statements again
    const started = performance.now();
    await Promise.all(Array.from({ length: 12 }, () => db().one(Slept, sql`SELECT pg_sleep(0.1) IS NOT NULL AS "slept"`)));
    expect(performance.now() - started).toBeGreaterThan(100);
    // any other failure is the caller's
    await expect(withinTime(db(), 1000, (t) => t.exec(sql`SELECT 1/0`))).rejects.toThrow(/division by zero/);
  });

  it("keeps concurrent transactions apart: no lost updates", async () => {
    const { id } = await insertProject(unique("counter"));
    const lock = sql` FOR UPDATE`;
    const bump = () =>
      db().tx(async (t) => {
        const { overlap } = await t.one(row({ overlap: col.int }), sql`SELECT "overlap" FROM "Project" WHERE "id" = ${id}${lock}`);
        await new Promise((r) => setTimeout(r, 1));
        await t.exec(sql`UPDATE "Project" SET "overlap" = ${overlap + 1} WHERE "id" = ${id}`);
      });
    await Promise.all(Array.from({ length: 10 }, bump));
    expect((await db().one(row({ overlap: col.int }), sql`SELECT "overlap" FROM "Project" WHERE "id" = ${id}`)).overlap).toBe(12);
  });

  it("refuses a query that bypasses the transaction's handle", async () => {
    await expect(db().tx(() => db().many(row({ one: col.int }), sql`SELECT 1 AS "one"`))).rejects.toThrow(/transaction's handle/);
  });

  it("streams rows in order", async () => {
    const seen: number[] = [];
    for await (const r of db().stream(row({ n: col.int }), sql`SELECT 1 AS "n" UNION ALL SELECT 2 UNION ALL SELECT 3`)) seen.push(r.n);
    expect(seen).toEqual([1, 2, 3]);
  });

  it("ends a stream's transaction however its reader stops, so the connection goes back to the pool clean", async () => {
    const { openDb } = await import("@/lib/db/client");
    const { databaseUrl } = await import("@/lib/env");
    const one = openDb(databaseUrl()); // a pool of its own, so the next statements reuse the stream's connection
    try {
      const many = sql`SELECT n FROM generate_series(1, 10000) AS g(n)`;
      for await (const r of one.stream(row({ n: col.int }), many)) if (r.n === 3) break;
      await expect(
        (async () => {
          for await (const r of one.stream(row({ n: col.int }), many)) if (r.n === 3) throw new Error("the reader failed");
        })(),
      ).rejects.toThrow("the reader failed");
      // every pooled connection is out of the read-only transaction: writes go through, ten at once
      const names = Array.from({ length: 10 }, () => unique("after-stream"));
      await Promise.all(names.map((n) => insertProject(n, one)));
      expect(await one.one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM "Project" WHERE "name" IN ${sql.list(names)}`)).toEqual({ n: 10 });
      const session = await one.session(async (s) => {
        for await (const r of s.stream(row({ n: col.int }), many)) if (r.n === 2) break;
        return (await insertProject(unique("in-session"), s)).id;
      });
      expect(session).toBeGreaterThan(0);
    } finally {
      await one.close();
    }
  });

  it("copies rows in with COPY, text exactly as given, and loses the copy with its transaction", async () => {
    const awkward = ["tab\there", "line\nend\r", "back\\slash \\N", "Zoë 🚲", ""];
    async function* rows() {
      for (const [i, text] of awkward.entries()) yield copyRow([i, text]);
      yield copyRow([awkward.length, null]);
    }
    const texts = await db().tx(async (t) => {
      await t.exec(sql`CREATE TEMP TABLE "copied" ("n" INTEGER, "text" TEXT) ON COMMIT DROP`);
      expect(await t.copyIn("copied", ["n", "text"], rows())).toBe(awkward.length + 1);
      return t.many(row({ text: col.text.nullable() }), sql`SELECT "text" FROM "copied" ORDER BY "n"`);
    });
    expect(texts.map((r) => r.text)).toEqual([...awkward, null]);

    const { id } = await insertProject(unique("copy"));
    async function* broken() {
      yield copyRow([id, "kept?"]);
      throw new Error("the source broke");
    }
    await expect(
      db().tx(async (t) => {
        await t.exec(sql`UPDATE "Project" SET "overlap" = 9 WHERE "id" = ${id}`);
        await t.exec(sql`CREATE TEMP TABLE "copied_broken" ("n" INTEGER, "text" TEXT) ON COMMIT DROP`);
        await t.copyIn("copied_broken", ["n", "text"], broken());
      }),
    ).rejects.toThrow("the source broke");
    expect((await db().one(row({ overlap: col.int }), sql`SELECT "overlap" FROM "Project" WHERE "id" = ${id}`)).overlap).toBe(2);
    // the connection went back to the pool in working order
    expect(await db().one(row({ one: col.int }), sql`SELECT 1 AS "one"`)).toEqual({ one: 1 });
  });
});
