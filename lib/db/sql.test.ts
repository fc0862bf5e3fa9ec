import { describe, expect, it } from "vitest";
import { compile, sql } from "./sql";

const pg = (n: number) => `$${n}`;

describe("sql", () => {
  it("binds every value and numbers placeholders across nested fragments", () => {
    const where = sql`"projectId" = ${7} AND status = ${"pending"}`;
    const q = compile(sql`SELECT id FROM "Artifact" WHERE ${where} AND "isGold" = ${false} LIMIT ${5}`, pg);
    expect(q.text).toBe(`SELECT id FROM "Artifact" WHERE "projectId" = $1 AND status = $2 AND "isGold" = $3 LIMIT $4`);
    expect(q.values).toEqual([7, "pending", false, 5]);
  });

  it("joins fragments with a separator and lists values", () => {
    const cols = sql.join([sql.raw(`"a"`), sql.raw(`"b"`)]);
    const q = compile(sql`SELECT ${cols} FROM t WHERE id IN ${sql.list([1, 2, 3])} OR x = ${"y"}`, () => "?");
    expect(q.text).toBe(`SELECT "a", "b" FROM t WHERE id IN (?, ?, ?) OR x = ?`);
    expect(q.values).toEqual([1, 2, 3, "y"]);
  });

  it("an empty list matches nothing and an empty join adds nothing", () => {
    expect(compile(sql`x IN ${sql.list([])}`, pg).text).toBe("x IN (NULL)");
    expect(compile(sql`a${sql.join([])}b`, pg).text).toBe("ab");
  });

  it("treats text that looks like SQL as a value", () => {
    const q = compile(sql`SELECT ${"1; DROP TABLE x"}`, pg);
    expect(q).toEqual({ text: "SELECT $1", values: ["1; DROP TABLE x"] });
  });
});
