import "server-only";
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { prisma } from "../../db";
import { AppError } from "../../errors";
import { newAccount, type NewAccount } from "../../validation/accounts";
import { recordAudit, type Actor } from "../record-audit";

/** A password that is easy to type and hard to guess: four groups of five base32 characters. */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join("")).join("-");
}

export const hashPassword = (plain: string) => bcrypt.hash(plain, 10);

/** Creates an account; returns it with the password in clear when one was generated. */
export async function createAccount(input: NewAccount, actor: Actor) {
  const data = newAccount.parse(input);
  const plain = data.password ?? generatePassword();
  if (await prisma.account.findUnique({ where: { email: data.email } })) {
    throw new AppError("conflict", `An account for ${data.email} already exists.`);
  }
  const account = await prisma.account.create({
    data: { email: data.email, role: data.role, name: data.name, passwordHash: await hashPassword(plain) },
  });
  await recordAudit({ ...actor, action: "account.created", entityType: "Account", entityId: account.id, after: { email: account.email, role: account.role } });
  return { account, password: data.password ? null : plain };
}
