import { describe, expect, it } from "vitest";
import { z } from "zod";
import { col, row } from "./columns";

describe("col", () => {
  it("reads what node-postgres returns: bigints as text, timestamps as dates, JSON as text or parsed", () => {
    const r = row({ n: col.int, b: col.bool, d: col.date, j: col.json(z.array(z.string())), x: col.num.nullable() });
    const expected = { n: 3, b: true, d: "2026-11-30T10:00:00.000Z", j: ["a"], x: null };
    expect(r.parse({ n: "3", b: true, d: new Date("2026-11-30T10:00:00Z"), j: ["a"], x: null })).toEqual(expected);
    expect(r.parse({ n: 3, b: true, d: "2026-11-30T10:00:00.000+00:00", j: '["a"]', x: null })).toEqual(expected);
  });

  it("refuses what no column of that type holds", () => {
    expect(() => col.int.parse("3.5")).toThrow();
    expect(() => col.bool.parse(1)).toThrow();
    expect(() => col.json(z.array(z.string())).parse("[1]")).toThrow();
  });
});
