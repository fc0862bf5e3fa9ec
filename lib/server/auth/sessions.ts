import "server-only";
import { randomBytes } from "node:crypto";
import { isRole } from "../../auth/roles";
import type { SessionUser } from "../../auth/current-user";
import { db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";

/**
 * Server-side sessions behind the signed session token: the token names a session row, and the
 * request is signed in only while that row is live. Ending a session is a database write, so a
 * copied or replayed cookie stops working everywhere at once.
 */

/** Opens a session for the account; returns its id (the token's "sid"). */
export async function startSession(accountId: number, maxAgeSeconds: number, now = new Date()): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await db().tx(async (t) => {
    // sessions that ended over a day ago are of no use to anyone: the table stays the size of the live ones
    await t.exec(sql`DELETE FROM "AuthSession" WHERE "expiresAt" < ${new Date(now.getTime() - 86_400_000)}`);
    await t.exec(sql`INSERT INTO "AuthSession" ("id", "accountId", "createdAt", "expiresAt")
                     VALUES (${id}, ${accountId}, ${now}, ${new Date(now.getTime() + maxAgeSeconds * 1000)})`);
  });
  return id;
}

const SessionAccount = row({ id: col.int, email: col.text, name: col.text, role: col.text });

/** The account of a live session (unrevoked, unexpired, account active), or null. */
export async function sessionUser(sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const a = await db().maybe(
    SessionAccount,
    sql`SELECT a."id", a."email", a."name", a."role" FROM "AuthSession" s JOIN "Account" a ON a."id" = s."accountId"
        WHERE s."id" = ${sessionId} AND s."revokedAt" IS NULL AND s."expiresAt" > ${now} AND a."active"`,
  );
  if (!a || !isRole(a.role)) return null;
  return { id: a.id, email: a.email, name: a.name || a.email, role: a.role };
}

/** Ends one session (sign-out). */
export async function endSession(sessionId: string): Promise<void> {
  await db().exec(sql`UPDATE "AuthSession" SET "revokedAt" = ${new Date()} WHERE "id" = ${sessionId} AND "revokedAt" IS NULL`);
}

/**
 * Ends every session and revokes every API token of an account, inside the caller's transaction
 * (deactivation, password reset): reactivating the account later brings none of them back.
 */
export async function endAccessOf(t: Queryable, accountId: number, at: Date): Promise<{ sessions: number; tokens: number }> {
  const sessions = await t.exec(sql`UPDATE "AuthSession" SET "revokedAt" = ${at} WHERE "accountId" = ${accountId} AND "revokedAt" IS NULL`);
  const tokens = await t.exec(sql`UPDATE "ApiToken" SET "revokedAt" = ${at} WHERE "accountId" = ${accountId} AND "revokedAt" IS NULL`);
  return { sessions, tokens };
}
