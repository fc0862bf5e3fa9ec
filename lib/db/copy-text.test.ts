import { describe, expect, it } from "vitest";
import { copyRow } from "./copy-text";

describe("copyRow", () => {
  it("separates values with tabs and ends the row", () => {
    expect(copyRow(["a", 1, true, false])).toBe("a\t1\tt\tf\n");
  });

  it("writes NULL as \\N, unlike the text \\N, which is escaped", () => {
    expect(copyRow([null, "\\N"])).toBe("\\N\t\\\\N\n");
  });

  it("escapes backslashes, tabs and line ends inside values", () => {
    expect(copyRow(['{"a":"b\\"c"}', "x\ty\nz\r"])).toBe('{"a":"b\\\\"c"}\tx\\ty\\nz\\r\n');
  });

  it("keeps other text exactly, unicode included", () => {
    expect(copyRow(["Zoë 🚲 — ok", ""])).toBe("Zoë 🚲 — ok\t\n");
  });

  it("refuses numbers COPY cannot carry", () => {
    expect(() => copyRow([Number.NaN])).toThrow(/NaN/);
  });
});
