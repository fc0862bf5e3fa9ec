import { describe, expect, it } from "vitest";
import { searchWords } from "./search-words";

describe("searchWords", () => {
  it("keeps letters and digits, lower-cased, and drops what a query would read as operators", () => {
    expect(searchWords("Marathon")).toEqual(["marathon"]);
    expect(searchWords("  'runs' & !walks | 5k:* ")).toEqual(["runs", "walks", "5k"]);
    expect(searchWords("Straße über")).toEqual(["straße", "über"]);
    expect(searchWords("?!")).toEqual([]);
  });
});
