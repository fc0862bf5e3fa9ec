import { z } from "zod";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import type { Sql } from "@/lib/db/sql";

import { sql } from "@/lib/db/sql";

export { sql };

/** Rows as plain records, for tests that check what a use case stored. */
export const rows = (q: Sql) => db().many(z.record(z.string(), z.unknown()), q);

/** The first column of the first row as a number (counts, ids). */
export const count = async (q: Sql) => Number(Object.values((await rows(q))[0] ?? {})[0] ?? 0);

/** One column of every row as text. */
export const texts = async (q: Sql) => (await db().many(row({ v: col.text }), q)).map((r) => r.v);

const ident = (name: string) => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return sql.raw(`"${name}"`);
};

const conditions = (where: Record<string, unknown>) => sql.join(Object.entries(where).map(([k, v]) => sql`${ident(k)} = ${v}`), sql` AND `);

/** Sets columns of the rows of `table` that match `where` (tests arranging what no screen sets). */
export async function update(table: string, where: Record<string, unknown>, data: Record<string, unknown>): Promise<number> {
  const sets = sql.join(Object.entries(data).map(([k, v]) => sql`${ident(k)} = ${v}`));
  return db().exec(sql`UPDATE ${ident(table)} SET ${sets} WHERE ${conditions(where)}`);
}
