import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { z } from "zod";
import { col, row } from "./columns";
import { inTransaction, type Db, type Queryable } from "./queryable";
import { sql } from "./sql";

// Files one process writes for another (an export's files for every instance's downloads, an upload
// for the worker that imports it) live in PostgreSQL, so instances share nothing else: a row per
// file and its bytes in numbered chunks of at most CHUNK_BYTES, each written and read by a statement
// of its own (a file is never whole in memory, and no transaction stays open while a client reads).
// Keys name what a file belongs to ("export-run/12/train.jsonl", "import-batch/7"). A file is read
// only once complete; a write that never completed (its process died) is removed after a day.

export const CHUNK_BYTES = 1 << 20;
const ABANDONED_AFTER_MS = 24 * 3600_000;

export interface StoredFileInfo {
  id: number;
  key: string;
  bytes: number;
  sha256: string;
}

const Info = row({ id: col.int, key: col.text, bytes: col.int, sha256: col.text });

/**
 * A file being written: bytes are taken as they come and go to the database a chunk at a time;
 * `finish` makes it readable under its key (replacing a complete file of that key), `abort`
 * removes what was written.
 */
export class StoredFileWriter {
  private hash = createHash("sha256");
  private bytes = 0;
  private seq = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  private constructor(
    private d: Db,
    readonly key: string,
    private id: number,
  ) {}

  /** A new, incomplete file under `key`'s name (unique among incomplete ones by its id). */
  static async create(d: Db, key: string): Promise<StoredFileWriter> {
    const { id } = await d.one(row({ id: col.int }), sql`INSERT INTO "StoredFile" ("key") VALUES (${`${key}#${process.pid}-${Date.now()}-${Math.random()}`}) RETURNING "id"`);
    return new StoredFileWriter(d, key, id);
  }

  async write(chunk: Buffer | string): Promise<void> {
    const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    this.hash.update(buf);
    this.bytes += buf.length;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    while (this.pendingBytes >= CHUNK_BYTES) await this.flush(CHUNK_BYTES);
  }

  private async flush(size: number): Promise<void> {
    const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    const data = all.subarray(0, size);
    const rest = all.subarray(size);
    this.pending = rest.length ? [rest] : [];
    this.pendingBytes = rest.length;
    await this.d.exec(sql`INSERT INTO "StoredFileChunk" ("fileId", "seq", "data") VALUES (${this.id}, ${this.seq++}, ${data})`);
  }

  /** Makes the file readable under its key (a complete file of that key before it goes) and returns it. */
  async finish(): Promise<StoredFileInfo> {
    if (this.pendingBytes > 0) await this.flush(this.pendingBytes);
    const sha256 = this.hash.digest("hex");
    await this.d.tx(async (t) => {
      await t.exec(sql`DELETE FROM "StoredFile" WHERE "key" = ${this.key}`);
      await t.exec(sql`UPDATE "StoredFile" SET "key" = ${this.key}, "bytes" = ${this.bytes}, "sha256" = ${sha256}, "complete" = true WHERE "id" = ${this.id}`);
    });
    return { id: this.id, key: this.key, bytes: this.bytes, sha256 };
  }

  /** Removes what was written (a write that failed leaves no partial file). */
  async abort(): Promise<void> {
    await this.d.exec(sql`DELETE FROM "StoredFile" WHERE "id" = ${this.id}`);
  }
}

/** Stores `body` under `key`, a chunk at a time as it comes; nothing stays of a body that fails. */
export async function storeStream(d: Db, key: string, body: AsyncIterable<Buffer | string>): Promise<StoredFileInfo> {
  const writer = await StoredFileWriter.create(d, key);
  try {
    for await (const chunk of body) await writer.write(chunk);
    return await writer.finish();
  } catch (e) {
    await writer.abort().catch(() => undefined);
    throw e;
  }
}

/** Stores a local file (read CHUNK_BYTES at a time) under `key`. */
export function storeLocalFile(d: Db, key: string, file: string): Promise<StoredFileInfo> {
  return storeStream(d, key, fs.createReadStream(file, { highWaterMark: CHUNK_BYTES }));
}

/** The complete file under `key`, or undefined. */
export function storedFile(q: Queryable, key: string): Promise<StoredFileInfo | undefined> {
  return q.maybe(Info, sql`SELECT "id", "key", "bytes", "sha256" FROM "StoredFile" WHERE "key" = ${key} AND "complete"`);
}

/** The complete files whose keys begin with `prefix`, by key. */
export function storedFilesUnder(q: Queryable, prefix: string): Promise<StoredFileInfo[]> {
  return q.many(Info, sql`SELECT "id", "key", "bytes", "sha256" FROM "StoredFile" WHERE starts_with("key", ${prefix}) AND "complete" ORDER BY "key"`);
}

const Chunk = row({ data: z.instanceof(Buffer) });

/**
 * A stored file's bytes as a stream, read a chunk at a time as the reader takes them (a slow
 * download holds one chunk, not the file, and no connection between chunks). The chunks are read
 * on `d`'s own connections, also when the reader is a transaction's work (an import reading its
 * batch): a complete file never changes, so reading it is no part of that transaction.
 */
export function readStoredFile(d: Db, file: Pick<StoredFileInfo, "id">): Readable {
  async function* chunks() {
    for (let seq = 0; ; seq++) {
      const c = await inTransaction.exit(() => d.maybe(Chunk, sql`SELECT "data" FROM "StoredFileChunk" WHERE "fileId" = ${file.id} AND "seq" = ${seq}`));
      if (!c) return;
      yield c.data;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** Gives a complete file a new key (its ownership passes, as a queued upload to its batch). */
export async function renameStoredFile(q: Queryable, from: string, to: string): Promise<void> {
  await q.exec(sql`DELETE FROM "StoredFile" WHERE "key" = ${to}`);
  await q.exec(sql`UPDATE "StoredFile" SET "key" = ${to} WHERE "key" = ${from} AND "complete"`);
}

/** Removes the files (complete or not) whose keys begin with `prefix`; returns how many. */
export function deleteStoredFiles(q: Queryable, prefix: string): Promise<number> {
  return q.exec(sql`DELETE FROM "StoredFile" WHERE starts_with("key", ${prefix})`);
}

/** Removes writes that never completed and are older than a day (their process died). */
export function removeAbandonedFiles(q: Queryable, now = Date.now()): Promise<number> {
  return q.exec(sql`DELETE FROM "StoredFile" WHERE NOT "complete" AND "createdAt" < ${new Date(now - ABANDONED_AFTER_MS)}`);
}
