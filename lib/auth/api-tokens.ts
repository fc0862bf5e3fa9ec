import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { env } from "../env";
import { AppError } from "../errors";
import { writeAudit } from "../server/audit";
import { rawDb } from "../server/raw-db";
import type { Actor } from "../server/record-audit";
import { sqlDate, stmt, type Sqlite } from "../server/sqlite";
import type { SessionUser } from "./current-user";
import { isRole } from "./roles";

export type TokenScope = "read" | "write";

const PREFIX = "hlw_";

const hash = (secret: string) => createHash("sha256").update(secret).digest("hex");

/**
 * A personal API token for the pipeline: the secret is returned once and only its sha256 is kept,
 * with a short prefix so a list can tell tokens apart. It acts as its owner, with the owner's role.
 */
export function createApiToken(input: { accountId: number; name: string; scope: TokenScope }, actor: Actor, db: Sqlite = rawDb()): { id: number; secret: string; prefix: string } {
  if (!input.name.trim()) throw new AppError("invalid_input", "Give the token a name, so you can tell it apart later.");
  const account = stmt(db, `SELECT id, active FROM Account WHERE id = ?`).get(input.accountId) as { id: number; active: number } | undefined;
  if (!account?.active) throw new AppError("not_found", `No active account ${input.accountId}.`);
  const secret = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const prefix = secret.slice(0, PREFIX.length + 6);
  const id = Number(
    stmt(db, `INSERT INTO ApiToken (accountId, name, prefix, tokenHash, scope, createdAt) VALUES (?, ?, ?, ?, ?, ?)`).run(
      input.accountId, input.name.trim(), prefix, hash(secret), input.scope, sqlDate(new Date()),
    ).lastInsertRowid,
  );
  writeAudit(db, { ...actor, action: "token.created", entityType: "ApiToken", entityId: id, after: { accountId: input.accountId, name: input.name.trim(), prefix, scope: input.scope } });
  return { id, secret, prefix };
}

/** Revokes a token; with `ownerId`, only one of that account's (a person revoking their own). */
export function revokeApiToken(id: number, actor: Actor, db: Sqlite = rawDb(), ownerId?: number): void {
  const r =
    ownerId === undefined
      ? stmt(db, `UPDATE ApiToken SET revokedAt = ? WHERE id = ? AND revokedAt IS NULL`).run(sqlDate(new Date()), id)
      : stmt(db, `UPDATE ApiToken SET revokedAt = ? WHERE id = ? AND accountId = ? AND revokedAt IS NULL`).run(sqlDate(new Date()), id, ownerId);
  if (r.changes === 0) throw new AppError("not_found", `No live token ${id}${ownerId === undefined ? "" : " of yours"}.`);
  writeAudit(db, { ...actor, action: "token.revoked", entityType: "ApiToken", entityId: id });
}

/**
 * Counts a request of a token in its one-minute window (kept in the database, so every app instance
 * counts the same requests) and refuses it past the limit with 429 and when to retry. Best effort
 * while another writer holds the database (a long import): the request goes through uncounted
 * rather than waiting.
 */
function countRequest(db: Sqlite, tokenId: number, now = new Date()): void {
  const minute = Math.floor(now.getTime() / 60_000);
  let count: number;
  try {
    count = stmt(
      db,
      `UPDATE ApiToken SET lastUsedAt = ?, rateCount = CASE WHEN rateWindow = ? THEN rateCount + 1 ELSE 1 END, rateWindow = ? WHERE id = ? RETURNING rateCount`,
    )
      .pluck()
      .get(sqlDate(now), minute, minute, tokenId) as number;
  } catch (e) {
    if ((e as { code?: string }).code === "SQLITE_BUSY") return;
    throw e;
  }
  if (count > env.API_RATE_LIMIT) {
    const retryAfterSeconds = 60 - (Math.floor(now.getTime() / 1000) % 60);
    throw new AppError("rate_limited", `This token made more than ${env.API_RATE_LIMIT} requests this minute; retry in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

export interface TokenPrincipal {
  user: SessionUser;
  scope: TokenScope;
  tokenId: number;
  prefix: string;
}

/**
 * The owner behind an `Authorization: Bearer <token>` header, or a 401 saying what is wrong: no
 * token, an unknown or revoked one, or an owner who is no longer active.
 */
export function authenticateToken(authorization: string | null, db: Sqlite = rawDb()): TokenPrincipal {
  const secret = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!secret) throw new AppError("unauthenticated", "Send an API token: Authorization: Bearer <token>.");
  const row = stmt(
    db,
    `SELECT t.id, t.scope, t.prefix, t.revokedAt, a.id AS accountId, a.email, a.name, a.role, a.active
     FROM ApiToken t JOIN Account a ON a.id = t.accountId WHERE t.tokenHash = ?`,
  ).get(hash(secret)) as
    | { id: number; scope: TokenScope; prefix: string; revokedAt: string | null; accountId: number; email: string; name: string; role: string; active: number }
    | undefined;
  if (!row) throw new AppError("unauthenticated", "This API token is not valid.");
  if (row.revokedAt) throw new AppError("unauthenticated", "This API token was revoked.");
  if (!row.active || !isRole(row.role)) throw new AppError("unauthenticated", "The owner of this API token is deactivated.");
  countRequest(db, row.id);
  return { user: { id: row.accountId, email: row.email, name: row.name || row.email, role: row.role }, scope: row.scope, tokenId: row.id, prefix: row.prefix };
}

export interface TokenRow {
  id: number;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** An account's tokens, newest first (never the secrets: only their hashes are kept). */
export function listApiTokens(accountId: number, db: Sqlite = rawDb()): TokenRow[] {
  return stmt(db, `SELECT id, name, prefix, scope, createdAt, lastUsedAt, revokedAt FROM ApiToken WHERE accountId = ? ORDER BY id DESC`).all(accountId) as TokenRow[];
}
