import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { AppError } from "../errors";
import type { CopyRows } from "./copy-text";
import { compile, type Sql } from "./sql";

// COPY in and out on one connection of node-postgres, for the data layer (postgres-backend.ts).

/**
 * The rows of a parameterless query, as COPY sends them. A reader that stops early (its own write
 * failed: a full disk) leaves the rest of the copy read and dropped, not left in the connection:
 * a copy stream destroyed half way keeps the connection paused, and the rollback after it would
 * wait forever.
 */
export async function* copyFromQuery(client: pg.PoolClient, query: Sql): AsyncIterable<Buffer> {
  const { text, values } = compile(query, (n) => `$${n}`);
  if (values.length) throw new AppError("internal", "COPY TO takes no parameters: write the query's values into it.");
  const stream = client.query(copyTo(`COPY (${text}) TO STDOUT`));
  let ended = false;
  try {
    for await (const chunk of stream.iterator({ destroyOnReturn: false })) yield chunk as Buffer;
    ended = true;
  } finally {
    if (!ended && !stream.destroyed) {
      const done = new Promise<void>((resolve) => {
        stream.once("end", resolve);
        stream.once("error", () => resolve());
        stream.once("close", resolve);
      });
      stream.resume();
      await done;
    }
  }
}

const COPY_CHUNK = 1 << 16;
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Streams rows into COPY, in chunks of about 64 KB, waiting whenever the server is behind. A
 * Buffer is taken as rows already encoded (whole rows, in COPY's text format) and sent as it is.
 */
export async function copyInto(client: pg.PoolClient, table: string, columns: readonly string[], rows: CopyRows): Promise<number> {
  const target = client.query(copyFrom(`COPY ${ident(table)} (${columns.map(ident).join(", ")}) FROM STDIN`));
  async function* chunks() {
    let buffer = "";
    for await (const r of rows) {
      if (typeof r !== "string") {
        if (buffer) yield buffer;
        buffer = "";
        yield r;
        continue;
      }
      buffer += r;
      if (buffer.length >= COPY_CHUNK) {
        yield buffer;
        buffer = "";
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), target);
  return target.rowCount;
}
