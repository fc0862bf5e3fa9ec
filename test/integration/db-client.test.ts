import { describe, expect, it } from "vitest";
import { db, type Queryable } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
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

  it("keeps concurrent transactions apart: no lost updates", async () => {
    const { id } = await insertProject(unique("counter"));
    const lock = db().dialect === "postgres" ? sql` FOR UPDATE` : sql.empty;
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
});
