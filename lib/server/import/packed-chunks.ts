import type { RecordType } from "./staging";

export interface PackedChunk {
  /** the chunk's rows by record type */
  counts: Record<RecordType, number>;
  /** the rows, in COPY's text format, packed into buffers of about 1 MB */
  data: Buffer[];
}

const PAGE = 1 << 20;

/**
 * Staged rows in chunks of `lines`, each packed into a few buffers outside V8's heap. A chunk made
 * ahead (readAhead) then costs its bytes: kept as a string per row, the rows of the chunk being
 * made outlived the young generation and piled up in the old one between its full collections
 * (a peak of 475 MB against 267 MB importing the pipeline's realistic batch).
 */
export async function* packedChunks(rows: AsyncIterable<{ type: RecordType; row: string }>, lines: number): AsyncGenerator<PackedChunk> {
  let chunk = empty();
  let page = Buffer.allocUnsafe(PAGE);
  let used = 0;
  let n = 0;
  const seal = () => {
    if (used > 0) chunk.data.push(page.subarray(0, used));
    page = Buffer.allocUnsafe(PAGE);
    used = 0;
  };
  for await (const { type, row } of rows) {
    chunk.counts[type]++;
    const size = Buffer.byteLength(row);
    if (size > PAGE) {
      seal();
      chunk.data.push(Buffer.from(row));
    } else {
      if (used + size > PAGE) seal();
      used += page.write(row, used);
    }
    if (++n === lines) {
      seal();
      yield chunk;
      chunk = empty();
      n = 0;
    }
  }
  if (n > 0) {
    seal();
    yield chunk;
  }
}

function empty(): PackedChunk {
  return { counts: { user: 0, post: 0, artifact: 0, verdict: 0 }, data: [] };
}
