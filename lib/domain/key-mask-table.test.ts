import { describe, expect, it } from "vitest";
import { KeyMaskTable, key52 } from "./key-mask-table";

describe("KeyMaskTable", () => {
  it("ORs masks per key, grows past its capacity, and lists keys with more than one bit", () => {
    const t = new KeyMaskTable(4);
    for (let i = 1; i <= 5000; i++) t.add(i * 7919, 1);
    t.add(7919 * 10, 4);
    t.add(7919 * 4999, 2);
    expect(t.size).toBe(5000);
    expect(t.get(7919 * 10)).toBe(5);
    expect(t.get(123)).toBe(0);
    expect([...t.multi()].sort((a, b) => a - b)).toEqual([7919 * 10, 7919 * 4999]);
  });

  it("keys strings by 52 bits of their hash, never 0", () => {
    expect(key52("a")).toBe(key52("a"));
    expect(key52("a")).not.toBe(key52("b"));
    expect(key52("")).toBeGreaterThan(0);
    expect(Number.isSafeInteger(key52("x"))).toBe(true);
  });
});
