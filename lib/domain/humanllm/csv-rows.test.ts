import { describe, expect, it } from "vitest";
import { csvRows } from "./csv-rows";

describe("csvRows", () => {
  it("reads pandas' CSV: quoted commas, doubled quotes and line breaks, each row with the line it starts on", () => {
    const text = 'id,text,blog_quality\n1,"Hello, world",high\n2,"She said ""no""\nand left.",medium\n\n3,plain,low\r\n4,"last"';
    expect([...csvRows(text)]).toEqual([
      { line: 2, row: { id: "1", text: "Hello, world", blog_quality: "high" } },
      { line: 3, row: { id: "2", text: 'She said "no"\nand left.', blog_quality: "medium" } },
      { line: 6, row: { id: "3", text: "plain", blog_quality: "low" } },
      { line: 7, row: { id: "4", text: "last", blog_quality: "" } },
    ]);
  });

  it("says where a row is broken", () => {
    expect([...csvRows('a,b\n1,2,3\n"open')]).toEqual([
      { line: 2, row: null, error: "3 fields where the header has 2" },
      { line: 3, row: null, error: "a quoted field is not closed" },
    ]);
    expect([...csvRows("\ufeffa\nx\n")]).toEqual([{ line: 2, row: { a: "x" } }]);
  });
});
