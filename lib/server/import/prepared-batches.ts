import { Worker } from "node:worker_threads";
import { prepareLine, type PreparedLine } from "./prepare-line";
import { readLines } from "./read-lines";

export interface PreparedBatch {
  rows: PreparedLine[];
  /** bytes of the source read so far, and the last line number seen */
  bytes: number;
  lines: number;
}

const INLINE_BATCH = 1000;

/**
 * The source's lines, validated and prepared, in batches. With `worker`, preparation runs on a
 * worker thread (through tsx, so only where tsx is installed: the CLI and benchmarks) and overlaps
 * with the caller's writes; otherwise it runs inline.
 */
export function preparedBatches(source: AsyncIterable<Uint8Array>, { worker = false } = {}): AsyncGenerator<PreparedBatch> {
  return worker ? onWorker(source) : inline(source);
}

async function* inline(source: AsyncIterable<Uint8Array>): AsyncGenerator<PreparedBatch> {
  let bytes = 0;
  async function* counted() {
    for await (const chunk of source) {
      bytes += chunk.byteLength;
      yield chunk;
    }
  }
  let rows: PreparedLine[] = [];
  let lines = 0;
  for await (const raw of readLines(counted())) {
    lines = raw.line;
    rows.push("error" in raw ? { type: "error", line: raw.line, reason: raw.error } : prepareLine(raw.text, raw.line));
    if (rows.length === INLINE_BATCH) {
      yield { rows, bytes, lines };
      rows = [];
    }
  }
  yield { rows, bytes, lines };
}

type FromWorker = { type: "need" } | { type: "batch"; rows: string; bytes: number; lines: number } | { type: "done" };

async function* onWorker(source: AsyncIterable<Uint8Array>): AsyncGenerator<PreparedBatch> {
  const worker = new Worker(new URL("./prepare-worker-entry.mjs", import.meta.url));
  const input = source[Symbol.asyncIterator]();
  const ready: PreparedBatch[] = [];
  let finished = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => wake?.();

  worker.on("message", async (m: FromWorker) => {
    if (m.type === "batch") ready.push({ rows: JSON.parse(m.rows) as PreparedLine[], bytes: m.bytes, lines: m.lines });
    else if (m.type === "done") finished = true;
    else {
      try {
        const next = await input.next();
        if (next.done) worker.postMessage({ type: "end" });
        else {
          const copy = new Uint8Array(next.value.byteLength);
          copy.set(next.value);
          worker.postMessage({ type: "chunk", buffer: copy.buffer }, [copy.buffer]);
        }
      } catch (e) {
        failure = e;
      }
    }
    notify();
  });
  worker.on("error", (e) => {
    failure = e;
    notify();
  });

  try {
    worker.postMessage({ type: "pull" });
    worker.postMessage({ type: "pull" }); // one batch in hand, one in preparation
    for (;;) {
      if (failure) throw failure;
      const batch = ready.shift();
      if (batch) {
        worker.postMessage({ type: "pull" });
        yield batch;
        continue;
      }
      if (finished) return;
      await new Promise<void>((r) => (wake = r));
      wake = null;
    }
  } finally {
    await worker.terminate();
  }
}
