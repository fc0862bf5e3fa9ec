import "server-only";
import { db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { clientAddressFrom, parseTrustedProxies, PEER_HEADER, PEER_HEADER_ENV, throttleBucket } from "../../domain/client-address";
import { afterFailure, retryAfterSeconds, THROTTLE_RULES, type ThrottleState } from "../../domain/login-throttle";
import { env } from "../../env";
import { writeAudit } from "../audit";

/**
 * Failed sign-ins, kept in the database (LoginThrottle) so that every app instance counts the same
 * failures and honours the same lock. Keys: the account's email and the client's address (an IPv6
 * address by its /64, lib/domain/client-address.ts).
 */

export interface LoginKeys {
  email: string;
  address: string | null;
}

const keysOf = (k: LoginKeys) => [
  { key: `account:${k.email.trim().toLowerCase()}`, rule: THROTTLE_RULES.account },
  ...(k.address ? [{ key: `address:${throttleBucket(k.address)}`, rule: THROTTLE_RULES.address }] : []),
];

const Throttle = row({ failures: col.int, firstFailure: col.date, lastFailure: col.date, lockedUntil: col.date.nullable() });

async function stateOf(q: Queryable, key: string): Promise<ThrottleState | null> {
  const r = await q.maybe(Throttle, sql`SELECT "failures", "firstFailure", "lastFailure", "lockedUntil" FROM "LoginThrottle" WHERE "key" = ${key}`);
  if (!r) return null;
  return { failures: r.failures, firstFailure: new Date(r.firstFailure), lastFailure: new Date(r.lastFailure), lockedUntil: r.lockedUntil ? new Date(r.lockedUntil) : null };
}

/** Seconds before this email, or this address, may try again; 0 when it may try now. */
export async function loginRetryAfter(keys: LoginKeys, now = new Date()): Promise<number> {
  const waits = await Promise.all(keysOf(keys).map(async ({ key }) => retryAfterSeconds(await stateOf(db(), key), now)));
  return Math.max(0, ...waits);
}

/**
 * Counts a failed sign-in against the email and the address. The audit log gets the first failure
 * of a streak and the start of a lock, not every attempt; the counts live in LoginThrottle.
 */
export async function recordLoginFailure(keys: LoginKeys, reason: string, accountId: number | null, now = new Date()): Promise<void> {
  await db().tx(async (t) => {
    // counts nobody added to for a day and no lock: forgotten anyway (FAILURE_WINDOW_MINUTES), so gone
    const dayAgo = new Date(now.getTime() - 86_400_000);
    await t.exec(sql`DELETE FROM "LoginThrottle" WHERE "lastFailure" < ${dayAgo} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${dayAgo})`);
    for (const { key, rule } of keysOf(keys)) {
      const { state, lockStarted } = afterFailure(await stateOf(t, key), now, rule);
      await t.exec(sql`INSERT INTO "LoginThrottle" ("key", "failures", "firstFailure", "lastFailure", "lockedUntil")
                       VALUES (${key}, ${state.failures}, ${state.firstFailure}, ${state.lastFailure}, ${state.lockedUntil})
                       ON CONFLICT ("key") DO UPDATE SET "failures" = excluded."failures", "firstFailure" = excluded."firstFailure",
                         "lastFailure" = excluded."lastFailure", "lockedUntil" = excluded."lockedUntil"`);
      const actor = { actorId: accountId, actorLabel: keys.email };
      if (key.startsWith("account:") && state.failures === 1) {
        await writeAudit(t, { ...actor, action: "auth.login_failed", entityType: "Account", entityId: accountId ?? keys.email, after: { reason, address: keys.address } }, now);
      }
      if (lockStarted) {
        await writeAudit(
          t,
          { ...actor, action: "auth.locked", entityType: "LoginThrottle", entityId: key, after: { failures: state.failures, since: state.firstFailure, until: state.lockedUntil, reason } },
          now,
        );
      }
    }
  });
}

/** A successful sign-in clears the account's failures (the address keeps its count). */
export async function clearLoginFailures(keys: LoginKeys): Promise<void> {
  await db().exec(sql`DELETE FROM "LoginThrottle" WHERE "key" = ${keysOf(keys)[0].key}`);
}

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

function headerOf(headers: HeaderSource, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  return (Array.isArray(value) ? value.join(", ") : value) ?? null;
}

let warnedNoPeer = false;

/**
 * The client's address for the login throttle: the connection's address, which the workbench's
 * own server (scripts/serve.ts) writes into PEER_HEADER over whatever a client sent; when that
 * connection comes from a trusted proxy (TRUSTED_PROXIES), the address the proxy saw, from the right
 * of X-Forwarded-For. A client's own X-Forwarded-For is never believed. Null under another server
 * (`next start`, `next dev`), where nothing says who connected: failures then count per account only.
 */
export function clientAddress(headers: HeaderSource): string | null {
  if (process.env[PEER_HEADER_ENV] !== "1") {
    if (!warnedNoPeer) console.warn("Login throttle: the connection's address is unknown (not started by npm start), so failed sign-ins are counted per account only.");
    warnedNoPeer = true;
    return null;
  }
  return clientAddressFrom(headerOf(headers, PEER_HEADER), headerOf(headers, "x-forwarded-for"), parseTrustedProxies(env.TRUSTED_PROXIES).ranges);
}
