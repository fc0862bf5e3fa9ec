import "server-only";
import { afterFailure, retryAfterSeconds, THROTTLE_RULES, type ThrottleState } from "../../domain/login-throttle";
import { writeAudit } from "../audit";
import { rawDb } from "../raw-db";
import { immediate, sqlDate, stmt, type Sqlite } from "../sqlite";

/**
 * Failed sign-ins, kept in the database (LoginThrottle) so that every app instance counts the same
 * failures and honours the same lock. Keys: the account's email and the client's address.
 */

export interface LoginKeys {
  email: string;
  address: string | null;
}

const keysOf = (k: LoginKeys) => [
  { key: `account:${k.email.trim().toLowerCase()}`, rule: THROTTLE_RULES.account },
  ...(k.address ? [{ key: `address:${k.address}`, rule: THROTTLE_RULES.address }] : []),
];

function stateOf(db: Sqlite, key: string): ThrottleState | null {
  const row = stmt(db, `SELECT failures, firstFailure, lastFailure, lockedUntil FROM LoginThrottle WHERE key = ?`).get(key) as
    | { failures: number; firstFailure: string; lastFailure: string; lockedUntil: string | null }
    | undefined;
  if (!row) return null;
  return { failures: row.failures, firstFailure: new Date(row.firstFailure), lastFailure: new Date(row.lastFailure), lockedUntil: row.lockedUntil ? new Date(row.lockedUntil) : null };
}

/** Seconds before this email, or this address, may try again; 0 when it may try now. */
export function loginRetryAfter(keys: LoginKeys, now = new Date(), db: Sqlite = rawDb()): number {
  return Math.max(0, ...keysOf(keys).map(({ key }) => retryAfterSeconds(stateOf(db, key), now)));
}

/**
 * Counts a failed sign-in against the email and the address. The audit log gets the first failure
 * of a streak and the start of a lock, not every attempt; the counts live in LoginThrottle.
 */
export function recordLoginFailure(keys: LoginKeys, reason: string, accountId: number | null, now = new Date(), db: Sqlite = rawDb()): void {
  immediate(db, () => {
    // counts nobody added to for a day and no lock: forgotten anyway (FAILURE_WINDOW_MINUTES), so gone
    const dayAgo = sqlDate(new Date(now.getTime() - 86_400_000));
    stmt(db, `DELETE FROM LoginThrottle WHERE lastFailure < ? AND (lockedUntil IS NULL OR lockedUntil < ?)`).run(dayAgo, dayAgo);
    for (const { key, rule } of keysOf(keys)) {
      const { state, lockStarted } = afterFailure(stateOf(db, key), now, rule);
      stmt(db, `INSERT INTO LoginThrottle (key, failures, firstFailure, lastFailure, lockedUntil) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, firstFailure = excluded.firstFailure, lastFailure = excluded.lastFailure, lockedUntil = excluded.lockedUntil`).run(
        key, state.failures, sqlDate(state.firstFailure), sqlDate(state.lastFailure), state.lockedUntil ? sqlDate(state.lockedUntil) : null,
      );
      const actor = { actorId: accountId, actorLabel: keys.email };
      if (key.startsWith("account:") && state.failures === 1) {
        writeAudit(db, { ...actor, action: "auth.login_failed", entityType: "Account", entityId: accountId ?? keys.email, after: { reason, address: keys.address } }, now);
      }
      if (lockStarted) {
        writeAudit(db, { ...actor, action: "auth.locked", entityType: "LoginThrottle", entityId: key, after: { failures: state.failures, since: state.firstFailure, until: state.lockedUntil, reason } }, now);
      }
    }
  });
}

/** A successful sign-in clears the account's failures (the address keeps its count). */
export function clearLoginFailures(keys: LoginKeys, db: Sqlite = rawDb()): void {
  immediate(db, () => stmt(db, `DELETE FROM LoginThrottle WHERE key = ?`).run(keysOf(keys)[0].key));
}

/** The client's address from X-Forwarded-For, as the proxy in front (or Next's own server) sets it. */
export function clientAddress(forwardedFor: string | string[] | null | undefined): string | null {
  const value = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor;
  return value?.split(",")[0].trim() || null;
}
