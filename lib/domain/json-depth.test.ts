import { describe, expect, it } from "vitest";
import { jsonDepth, MAX_JSON_DEPTH } from "./json-depth";

const nested = (n: number) => '{"a":'.repeat(n) + "1" + "}".repeat(n);

describe("jsonDepth", () => {
  it("counts how deep arrays and objects nest; a scalar is depth 0", () => {
    expect(jsonDepth("1")).toBe(0);
    expect(jsonDepth('"text"')).toBe(0);
    expect(jsonDepth("{}")).toBe(1);
    expect(jsonDepth("[[], {}]")).toBe(2);
    expect(jsonDepth('{"a": [1, {"b": [ ]}], "c": {}}')).toBe(4);
    expect(jsonDepth(nested(64))).toBe(64);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    expect(jsonDepth('{"a": "[[[{{{"}')).toBe(1);
    expect(jsonDepth('["\\"[[[", "\\\\", [1]]')).toBe(2);
    expect(jsonDepth('{"k\\"{": ["}\\\\"]}')).toBe(2);
  });

  it("stops as soon as the text passes the limit, so a huge body costs one short scan", () => {
    expect(jsonDepth(nested(100_000), MAX_JSON_DEPTH)).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonDepth(nested(100_000))).toBe(100_000);
    const t = Date.now();
    for (let i = 0; i < 10; i++) jsonDepth(nested(100_000), MAX_JSON_DEPTH);
    expect(Date.now() - t).toBeLessThan(1000);
  });

  it("agrees with the parser's nesting for every valid document", () => {
    const depthOf = (v: unknown): number => (v && typeof v === "object" ? 1 + Math.max(0, ...Object.values(v).map(depthOf)) : 0);
    for (const text of ['{"x": [[["]"]]], "y": {"z": "{"}}', '[{"a":{"b":{"c":[]}}}, []]', '"}"', "[]"]) expect(jsonDepth(text)).toBe(depthOf(JSON.parse(text)));
  });
});
