import { isUtf8 } from "node:buffer";

/**
 * The read size for a batch file: 64 KB pieces stay in V8's young generation, where they are
 * collected at once; 1 MB pieces went to its large-object space and piled up between full
 * collections (import-humanllm of 8,000 users: 38 MB of large objects and 50 MB of buffers at once).
 */
export const BATCH_READ_BYTES = 1 << 16;

export type RawLine = { line: number; text: string } | { line: number; error: string };

const INVALID_UTF8 = "invalid UTF-8 (the file must be UTF-8 encoded)";

/**
 * Splits a byte stream into lines without decoding the whole stream at once. Invalid UTF-8 is
 * reported at its line instead of being silently replaced. Blank lines are skipped (they still count
 * for line numbers); CRLF and a byte order mark are accepted.
 */
export async function* readLines(source: AsyncIterable<Uint8Array>): AsyncGenerator<RawLine> {
  let carry: Buffer = Buffer.alloc(0);
  let line = 0;
  let first = true;
  for await (const chunk of source) {
    let buf = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (first && buf.length >= 3) {
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      first = false;
    }
    const end = buf.lastIndexOf(10) + 1; // complete lines only; the rest waits for the next chunk
    if (first && end > 0) first = false;
    const complete = buf.subarray(0, end);
    if (isUtf8(complete)) {
      // the common case: decode the whole run of lines at once and split the string
      const texts = complete.toString("utf8").split("\n");
      texts.pop(); // the empty string after the last newline
      for (const t of texts) {
        line++;
        const text = t.endsWith("\r") ? t.slice(0, -1) : t;
        if (text.charCodeAt(0) === 123 /* { */ || text.trim() !== "") yield { line, text };
      }
    } else {
      for (let start = 0, nl = complete.indexOf(10); nl !== -1; start = nl + 1, nl = complete.indexOf(10, start)) {
        line++;
        const decoded = decode(complete.subarray(start, nl), line);
        if (decoded) yield decoded;
      }
    }
    carry = Buffer.from(buf.subarray(end)); // copy, so the big chunk can be collected
  }
  if (carry.length) {
    line++;
    const decoded = decode(carry, line);
    if (decoded) yield decoded;
  }
}

function decode(bytes: Buffer, line: number): RawLine | null {
  const end = bytes.length && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
  const slice = bytes.subarray(0, end);
  if (!isUtf8(slice)) return { line, error: INVALID_UTF8 };
  const text = slice.toString("utf8");
  return text.trim() === "" ? null : { line, text };
}
