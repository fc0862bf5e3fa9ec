import { describe, expect, it } from "vitest";
import { spreadsheetCell, tsvLine } from "./spreadsheet-cell";

describe("spreadsheetCell", () => {
  it("neutralises every cell a spreadsheet would read as a formula", () => {
    for (const evil of ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1"]) expect(spreadsheetCell(evil)).toBe(`'${evil}`);
    expect(spreadsheetCell("a-000123")).toBe("a-000123");
    expect(spreadsheetCell("reddit:u_8f2c")).toBe("reddit:u_8f2c");
    expect(spreadsheetCell("")).toBe("");
  });

  it("refuses a tab or a line break inside a cell, which would break the file's rows", () => {
    expect(() => spreadsheetCell("a\tb")).toThrow("cannot hold a tab");
    expect(() => spreadsheetCell("a\nb")).toThrow("cannot hold a tab");
  });

  it("writes a line of neutralised cells", () => {
    expect(tsvLine(["=1+2", "train", 3])).toBe("'=1+2\ttrain\t3\n");
  });
});
