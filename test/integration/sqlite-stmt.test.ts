import { expect, it } from "vitest";
import { stmt } from "@/lib/server/sqlite";
import { withDb } from "../helpers/with-db";

it("stmt hands out cached statements with object rows, whatever an earlier caller plucked", () => {
  withDb((db) => {
    const sql = `SELECT 7 AS n`;
    expect(stmt(db, sql).pluck().get()).toBe(7);
    expect(stmt(db, sql).get()).toEqual({ n: 7 });
    expect(stmt(db, sql)).toBe(stmt(db, sql)); // still one prepared statement
  });
});
