import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { CHUNK_BYTES, deleteStoredFiles, readStoredFile, removeAbandonedFiles, renameStoredFile, storedFile, StoredFileWriter, storeStream } from "@/lib/db/stored-files";
import { count, sql } from "../helpers/db";
import { unique } from "../helpers/factories";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function readAll(key: string): Promise<Buffer> {
  const file = await storedFile(db(), key);
  if (!file) throw new Error(`no file ${key}`);
  const parts: Buffer[] = [];
  for await (const chunk of readStoredFile(db(), file)) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** `bytes` in pieces of odd sizes, as a body comes off the network. */
async function* pieces(bytes: Buffer, size = 77_777) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe("files stored in PostgreSQL", () => {
  it("keeps a file of several chunks exactly, with its size and sha256, in chunks of at most 1 MiB", async () => {
    const bytes = randomBytes(3 * CHUNK_BYTES + 12_345);
    const key = unique("test/file");
    const info = await storeStream(db(), key, pieces(bytes));
    expect(info).toMatchObject({ key, bytes: bytes.length, sha256: sha(bytes) });
    expect(await count(sql`SELECT COUNT(*) FROM "StoredFileChunk" WHERE "fileId" = ${info.id}`)).toBe(4);
    expect(await count(sql`SELECT MAX(length("data")) FROM "StoredFileChunk" WHERE "fileId" = ${info.id}`)).toBe(CHUNK_BYTES);
    expect((await readAll(key)).equals(bytes)).toBe(true);
    // an empty file is a file too
    const empty = await storeStream(db(), unique("test/empty"), pieces(Buffer.alloc(0)));
    expect(empty).toMatchObject({ bytes: 0, sha256: sha(Buffer.alloc(0)) });
    expect((await readAll(empty.key)).length).toBe(0);
  });

  it("leaves nothing of a body that fails halfway, and nothing readable before the write finishes", async () => {
    const key = unique("test/broken");
    async function* broken() {
      yield randomBytes(CHUNK_BYTES + 1);
      throw new Error("connection reset");
    }
    const before = await count(sql`SELECT COUNT(*) FROM "StoredFileChunk"`);
    await expect(storeStream(db(), key, broken())).rejects.toThrow("connection reset");
    expect(await storedFile(db(), key)).toBeUndefined();
    expect(await count(sql`SELECT COUNT(*) FROM "StoredFile" WHERE starts_with("key", ${key})`)).toBe(0);
    expect(await count(sql`SELECT COUNT(*) FROM "StoredFileChunk"`)).toBe(before);

    const writer = await StoredFileWriter.create(db(), key);
    await writer.write(randomBytes(CHUNK_BYTES * 2));
    expect(await storedFile(db(), key)).toBeUndefined(); // being written: not readable yet
    await writer.finish();
    expect((await storedFile(db(), key))?.bytes).toBe(CHUNK_BYTES * 2);
  });

  it("replaces a file written again under its key, passes a file to a new key, and removes writes abandoned for a day", async () => {
    const key = unique("test/again");
    await storeStream(db(), key, pieces(Buffer.from("first")));
    await storeStream(db(), key, pieces(Buffer.from("second")));
    expect((await readAll(key)).toString()).toBe("second");
    expect(await count(sql`SELECT COUNT(*) FROM "StoredFile" WHERE "key" = ${key}`)).toBe(1);

    const to = unique("test/renamed");
    await renameStoredFile(db(), key, to);
    expect(await storedFile(db(), key)).toBeUndefined();
    expect((await readAll(to)).toString()).toBe("second");

    const dead = await StoredFileWriter.create(db(), unique("test/dead"));
    await dead.write(randomBytes(CHUNK_BYTES));
    await db().exec(sql`UPDATE "StoredFile" SET "createdAt" = now() - interval '25 hours' WHERE starts_with("key", ${dead.key})`);
    expect(await removeAbandonedFiles(db())).toBeGreaterThanOrEqual(1);
    expect(await count(sql`SELECT COUNT(*) FROM "StoredFile" WHERE starts_with("key", ${dead.key})`)).toBe(0);
    expect(await deleteStoredFiles(db(), to)).toBe(1);
  });
});
