import "server-only";
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { newAccount, type NewAccount } from "../../validation/accounts";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";

/** A password that is easy to type and hard to guess: four groups of five base32 characters. */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}

export const hashPassword = (plain: string) => bcrypt.hash(plain, 10);

const Created = row({ id: col.int, email: col.text, name: col.text, role: col.text });

/** Creates an account; returns it with the password in clear when one was generated. */
export async function createAccount(input: NewAccount, actor: Actor) {
  const data = newAccount.parse(input);
  const plain = data.password ?? generatePassword();
  const passwordHash = await hashPassword(plain);
  const account = await db().tx(async (t) => {
    const a = await t.maybe(
      Created,
      sql`INSERT INTO "Account" ("email", "role", "name", "passwordHash", "createdAt") VALUES (${data.email}, ${data.role}, ${data.name ?? ""}, ${passwordHash}, ${new Date()})
          ON CONFLICT ("email") DO NOTHING RETURNING "id", "email", "name", "role"`,
    );
    if (!a) throw new AppError("conflict", `An account for ${data.email} already exists.`);
    await writeAudit(t, { ...actor, action: "account.created", entityType: "Account", entityId: a.id, after: { email: a.email, role: a.role } });
    return a;
  });
  return { account, password: data.password ? null : plain };
}
