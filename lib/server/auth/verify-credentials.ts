import "server-only";
import bcrypt from "bcryptjs";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { credentials } from "../../validation/accounts";
import { recordAudit } from "../record-audit";
import { clearLoginFailures, loginRetryAfter, recordLoginFailure } from "./login-throttle";

// A hash to compare against when the email is unknown, so both paths take the same time.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jz3m1Q5r1rWcHtdR6x2Px4lZ8Qe6";

export interface VerifiedAccount {
  id: string;
  email: string;
  name: string;
  role: string;
}

const Login = row({ id: col.int, email: col.text, name: col.text, role: col.text, passwordHash: col.text, active: col.bool });

/**
 * The account for an email and password, or null. While the email or the address is locked by
 * the login throttle, even the right password is refused (the credentials route answers 429 before
 * this is reached; this is the rule's second line). Failures count toward the throttle.
 */
export async function verifyCredentials(raw: unknown, address: string | null): Promise<VerifiedAccount | null> {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = { email, address };
  if ((await loginRetryAfter(keys)) > 0) return null;
  const account = await db().maybe(Login, sql`SELECT "id", "email", "name", "role", "passwordHash", "active" FROM "Account" WHERE "email" = ${email}`);
  const ok = await bcrypt.compare(password, account?.passwordHash ?? DUMMY_HASH);
  if (!account || !ok || !account.active) {
    const reason = !account ? "unknown email" : !ok ? "wrong password" : "deactivated";
    await recordLoginFailure(keys, reason, account?.id ?? null);
    return null;
  }
  await clearLoginFailures(keys);
  await db().exec(sql`UPDATE "Account" SET "lastLoginAt" = ${new Date()} WHERE "id" = ${account.id}`);
  await recordAudit({ actorId: account.id, actorLabel: account.email, action: "auth.login", entityType: "Account", entityId: account.id });
  return { id: String(account.id), email: account.email, name: account.name || account.email, role: account.role };
}
