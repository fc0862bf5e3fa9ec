import { z } from "zod";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import type { Sql } from "@/lib/db/sql";

export { sql } from "@/lib/db/sql";

/** Rows as plain records, for tests that check what a use case stored. */
export const rows = (q: Sql) => db().many(z.record(z.string(), z.unknown()), q);

/** The first column of the first row as a number (counts, ids). */
export const count = async (q: Sql) => Number(Object.values((await rows(q))[0] ?? {})[0] ?? 0);

/** One column of every row as text. */
export const texts = async (q: Sql) => (await db().many(row({ v: col.text }), q)).map((r) => r.v);
