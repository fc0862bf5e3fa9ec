import "server-only";
import { randomBytes } from "node:crypto";
import { isRole } from "../../auth/roles";
import type { SessionUser } from "../../auth/current-user";
import { rawDb } from "../raw-db";
import { immediate, sqlDate, stmt, type Sqlite } from "../sqlite";

/**
 * Server-side sessions behind the signed session token: the token names a session row, and the
 * request is signed in only while that row is live. Ending a session is a database write, so a
 * copied or replayed cookie stops working everywhere at once.
 */

/** Opens a session for the account; returns its id (the token's "sid"). */
export function startSession(accountId: number, maxAgeSeconds: number, now = new Date(), db: Sqlite = rawDb()): string {
  const id = randomBytes(24).toString("base64url");
  immediate(db, () => {
    // sessions that ended over a day ago are of no use to anyone: the table stays the size of the live ones
    stmt(db, `DELETE FROM AuthSession WHERE expiresAt < ?`).run(sqlDate(new Date(now.getTime() - 86_400_000)));
    stmt(db, `INSERT INTO AuthSession (id, accountId, createdAt, expiresAt) VALUES (?, ?, ?, ?)`).run(
      id, accountId, sqlDate(now), sqlDate(new Date(now.getTime() + maxAgeSeconds * 1000)),
    );
  });
  return id;
}

/** The account of a live session (unrevoked, unexpired, account active), or null. */
export function sessionUser(sessionId: string, now = new Date(), db: Sqlite = rawDb()): SessionUser | null {
  const row = stmt(
    db,
    `SELECT a.id, a.email, a.name, a.role FROM AuthSession s JOIN Account a ON a.id = s.accountId
     WHERE s.id = ? AND s.revokedAt IS NULL AND s.expiresAt > ? AND a.active = 1`,
  ).get(sessionId, sqlDate(now)) as { id: number; email: string; name: string; role: string } | undefined;
  if (!row || !isRole(row.role)) return null;
  return { id: row.id, email: row.email, name: row.name || row.email, role: row.role };
}

/** Ends one session (sign-out). */
export function endSession(sessionId: string, db: Sqlite = rawDb()): void {
  immediate(db, () => stmt(db, `UPDATE AuthSession SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL`).run(sqlDate(new Date()), sessionId));
}

/**
 * Ends every session and revokes every API token of an account, inside the caller's transaction
 * (deactivation, password reset): reactivating the account later brings none of them back.
 */
export function endAccessOf(db: Sqlite, accountId: number, at: Date): { sessions: number; tokens: number } {
  const when = sqlDate(at);
  const sessions = stmt(db, `UPDATE AuthSession SET revokedAt = ? WHERE accountId = ? AND revokedAt IS NULL`).run(when, accountId).changes;
  const tokens = stmt(db, `UPDATE ApiToken SET revokedAt = ? WHERE accountId = ? AND revokedAt IS NULL`).run(when, accountId).changes;
  return { sessions, tokens };
}
