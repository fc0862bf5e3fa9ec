import "server-only";
import { col, row } from "./columns";
import type { Queryable } from "./queryable";
import { sql } from "./sql";

/**
 * The secret kept under `name`: `candidate`, kept now, when none is kept yet; otherwise the one
 * kept before (whichever process started first, on whatever machine, wins and every other reads it).
 */
export async function keepSecret(q: Queryable, name: string, candidate: string): Promise<string> {
  await q.exec(sql`INSERT INTO "WorkbenchSecret" ("name", "value") VALUES (${name}, ${candidate}) ON CONFLICT ("name") DO NOTHING`);
  return (await q.one(row({ value: col.text }), sql`SELECT "value" FROM "WorkbenchSecret" WHERE "name" = ${name}`)).value;
}
