import { describe, expect, it } from "vitest";
import { contentHash, fingerprint, stableStringify } from "./stable-json";

describe("stableStringify", () => {
  it("sorts keys at every depth and matches JSON otherwise", () => {
    expect(stableStringify({ b: 1, a: { d: [1, { z: 0, y: "x" }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":"x","z":0}]},"b":1}');
    expect(stableStringify("é\n")).toBe(JSON.stringify("é\n"));
  });

  it("drops undefined properties like JSON.stringify", () => {
    expect(stableStringify({ a: undefined, b: 2 })).toBe('{"b":2}');
  });
});

describe("contentHash", () => {
  it("ignores key order and sees every value change", () => {
    expect(contentHash({ a: 1, b: [1, 2] })).toBe(contentHash({ b: [1, 2], a: 1 }));
    expect(contentHash({ a: 1, b: [1, 2] })).not.toBe(contentHash({ a: 1, b: [2, 1] }));
  });
});

describe("fingerprint", () => {
  it("tells null apart from the empty string and keeps part boundaries", () => {
    expect(fingerprint(null, "x")).not.toBe(fingerprint("", "x"));
    expect(fingerprint("ab", "c")).not.toBe(fingerprint("a", "bc"));
  });
});
