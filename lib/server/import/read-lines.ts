import { isUtf8 } from "node:buffer";

export type RawLine = { line: number; text: string } | { line: number; error: string };

/**
 * Splits a byte stream into lines without decoding the whole stream: each line is checked for valid
 * UTF-8 on its own, so one bad byte sequence is reported at its line instead of being silently
 * replaced. Blank lines are skipped (they still count for line numbers); CRLF and a BOM are accepted.
 */
export async function* readLines(source: AsyncIterable<Uint8Array>): AsyncGenerator<RawLine> {
  let carry: Buffer = Buffer.alloc(0);
  let line = 0;
  for await (const chunk of source) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      line++;
      const decoded = decode(buf.subarray(start, nl), line);
      if (decoded) yield decoded;
      start = nl + 1;
    }
    carry = Buffer.from(buf.subarray(start)); // copy, so the big chunk can be collected
  }
  if (carry.length) {
    line++;
    const decoded = decode(carry, line);
    if (decoded) yield decoded;
  }
}

function decode(bytes: Buffer, line: number): RawLine | null {
  let end = bytes.length;
  if (end && bytes[end - 1] === 13) end--;
  let start = 0;
  if (line === 1 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const slice = bytes.subarray(start, end);
  if (!isUtf8(slice)) return { line, error: "invalid UTF-8 (the file must be UTF-8 encoded)" };
  const text = slice.toString("utf8");
  return text.trim() === "" ? null : { line, text };
}
