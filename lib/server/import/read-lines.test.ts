import { describe, expect, it } from "vitest";
import { readLines, type RawLine } from "./read-lines";

async function collect(chunks: (string | number[])[]): Promise<RawLine[]> {
  const source = (async function* () {
    for (const c of chunks) yield typeof c === "string" ? Buffer.from(c) : Buffer.from(c);
  })();
  const out: RawLine[] = [];
  for await (const l of readLines(source)) out.push(l);
  return out;
}

describe("readLines", () => {
  it("numbers lines, skips blank ones and keeps the last line without a newline", async () => {
    expect(await collect(["a\n\n  \nb\nc"])).toEqual([
      { line: 1, text: "a" },
      { line: 4, text: "b" },
      { line: 5, text: "c" },
    ]);
  });

  it("joins lines split across chunks, even inside a multi-byte character", async () => {
    const e = Buffer.from("é"); // two bytes
    expect(await collect(['{"x":"', [e[0]], [e[1]], '"}\nnext\n'])).toEqual([
      { line: 1, text: '{"x":"é"}' },
      { line: 2, text: "next" },
    ]);
  });

  it("accepts CRLF and a byte order mark", async () => {
    expect(await collect([[0xef, 0xbb, 0xbf], "a\r\nb\r\n"])).toEqual([
      { line: 1, text: "a" },
      { line: 2, text: "b" },
    ]);
  });

  it("reports invalid UTF-8 at its line and goes on", async () => {
    expect(await collect(["ok\n", [0xc3, 0x28, 0x0a], "fine\n"])).toEqual([
      { line: 1, text: "ok" },
      { line: 2, error: "invalid UTF-8 (the file must be UTF-8 encoded)" },
      { line: 3, text: "fine" },
    ]);
  });
});
