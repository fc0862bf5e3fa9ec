// The first column of the first row as a number, for the benchmarks' checks.
import { z } from "zod";
import type { Queryable } from "../lib/db/queryable";
import type { Sql } from "../lib/db/sql";

export async function count(db: Queryable, q: Sql): Promise<number> {
  const [first] = await db.many(z.record(z.string(), z.unknown()), q);
  return Number(Object.values(first ?? {})[0] ?? 0);
}
