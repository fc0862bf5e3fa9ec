// A worker thread that validates and prepares import lines while the main thread writes them.
// Protocol (main <-> worker): the worker asks for bytes ("need") and the main thread answers with a
// transferred chunk or "end"; the main thread grants batches ("pull") and the worker answers each
// with up to BATCH prepared lines, then "done". Both directions are bounded, so memory stays flat.
import { parentPort } from "node:worker_threads";
import { prepareLine, type PreparedLine } from "./prepare-line";
import { readLines } from "./read-lines";

const BATCH = 2000;
const port = parentPort!;
const chunks: (Uint8Array | null)[] = [];
let wakeInput: (() => void) | null = null;
let credits = 0;
let wakeCredit: (() => void) | null = null;

port.on("message", (m: { type: "chunk"; buffer: ArrayBuffer } | { type: "end" } | { type: "pull" }) => {
  if (m.type === "pull") {
    credits++;
    wakeCredit?.();
    return;
  }
  chunks.push(m.type === "chunk" ? new Uint8Array(m.buffer) : null);
  wakeInput?.();
});

let bytes = 0;
async function* input(): AsyncGenerator<Uint8Array> {
  for (;;) {
    if (chunks.length === 0) {
      port.postMessage({ type: "need" });
      await new Promise<void>((r) => (wakeInput = r));
      wakeInput = null;
      continue;
    }
    const chunk = chunks.shift()!;
    if (chunk === null) return;
    bytes += chunk.byteLength;
    yield chunk;
  }
}

async function send(rows: PreparedLine[], lines: number) {
  while (credits === 0) {
    await new Promise<void>((r) => (wakeCredit = r));
    wakeCredit = null;
  }
  credits--;
  port.postMessage({ type: "batch", rows: JSON.stringify(rows), bytes, lines }); // JSON is cheaper than structured clone here
}

let rows: PreparedLine[] = [];
let lines = 0;
for await (const raw of readLines(input())) {
  lines = raw.line;
  rows.push("error" in raw ? { type: "error", line: raw.line, reason: raw.error } : prepareLine(raw.text, raw.line));
  if (rows.length === BATCH) {
    await send(rows, lines);
    rows = [];
  }
}
await send(rows, lines);
port.postMessage({ type: "done" });
