import { describe, expect, it } from "vitest";
import { packedChunks, type PackedChunk } from "./packed-chunks";
import type { RecordType } from "./staging";

async function* staged(rows: [RecordType, string][]) {
  for (const [type, row] of rows) yield { type, row };
}

async function all(rows: [RecordType, string][], lines: number): Promise<PackedChunk[]> {
  const out: PackedChunk[] = [];
  for await (const c of packedChunks(staged(rows), lines)) out.push(c);
  return out;
}

const text = (c: PackedChunk) => Buffer.concat(c.data).toString("utf8");

describe("packedChunks", () => {
  it("packs `lines` rows per chunk, counted by type, the last chunk shorter", async () => {
    const chunks = await all(
      [
        ["user", "u1\n"],
        ["post", "p1 ½\n"],
        ["artifact", "a1\n"],
        ["verdict", "v1\n"],
        ["artifact", "a2\n"],
      ],
      2,
    );
    expect(chunks.map(text)).toEqual(["u1\np1 ½\n", "a1\nv1\n", "a2\n"]);
    expect(chunks.map((c) => c.counts)).toEqual([
      { user: 1, post: 1, artifact: 0, verdict: 0 },
      { user: 0, post: 0, artifact: 1, verdict: 1 },
      { user: 0, post: 0, artifact: 1, verdict: 0 },
    ]);
    expect(await all([], 2)).toEqual([]);
  });

  it("keeps rows whole across buffers, and rows longer than a buffer too", async () => {
    const long = `${"é".repeat(700_000)}\n`;
    const rows: [RecordType, string][] = [
      ["post", long],
      ["post", long],
      ["artifact", "short\n"],
      ["post", `${"x".repeat(1 << 21)}\n`],
    ];
    const [chunk] = await all(rows, 10);
    expect(text(chunk)).toBe(rows.map(([, r]) => r).join(""));
    for (const b of chunk.data) expect(b.toString("utf8").endsWith("\n")).toBe(true);
  });
});
