import "server-only";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";

const Found = row({ id: col.int, email: col.text, role: col.text, active: col.bool });

/** The account with this email (any case), or a not-found error that names it. */
export async function findAccountByEmail(email: string) {
  const a = await db().maybe(Found, sql`SELECT "id", "email", "role", "active" FROM "Account" WHERE "email" = ${email.trim().toLowerCase()}`);
  if (!a) throw new AppError("not_found", `No account has the email ${email}.`);
  return a;
}
