import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { SessionUser } from "../../auth/current-user";
import { isRole } from "../../auth/roles";
import { db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { env } from "../../env";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";

export type TokenScope = "read" | "write";

const PREFIX = "hlw_";

const hash = (secret: string) => createHash("sha256").update(secret).digest("hex");

const ActiveAccount = row({ id: col.int, active: col.bool });

/**
 * A personal API token for the pipeline: the secret is returned once and only its sha256 is kept,
 * with a short prefix so a list can tell tokens apart. It acts as its owner, with the owner's role.
 */
export async function createApiToken(input: { accountId: number; name: string; scope: TokenScope }, actor: Actor, q?: Queryable): Promise<{ id: number; secret: string; prefix: string }> {
  const name = input.name.trim();
  if (!name) throw new AppError("invalid_input", "Give the token a name, so you can tell it apart later.");
  const create = async (t: Queryable) => {
    const account = await t.maybe(ActiveAccount, sql`SELECT "id", "active" FROM "Account" WHERE "id" = ${input.accountId}`);
    if (!account?.active) throw new AppError("not_found", `No active account ${input.accountId}.`);
    const secret = `${PREFIX}${randomBytes(32).toString("base64url")}`;
    const prefix = secret.slice(0, PREFIX.length + 6);
    const { id } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "ApiToken" ("accountId", "name", "prefix", "tokenHash", "scope", "createdAt") VALUES (${input.accountId}, ${name}, ${prefix}, ${hash(secret)}, ${input.scope}, ${new Date()}) RETURNING "id"`,
    );
    await writeAudit(t, { ...actor, action: "token.created", entityType: "ApiToken", entityId: id, after: { accountId: input.accountId, name, prefix, scope: input.scope } });
    return { id, secret, prefix };
  };
  return q ? create(q) : db().tx(create);
}

/** Revokes a token; with `ownerId`, only one of that account's (a person revoking their own). */
export async function revokeApiToken(id: number, actor: Actor, ownerId?: number, q?: Queryable): Promise<void> {
  const revoke = async (t: Queryable) => {
    const owner = ownerId === undefined ? sql.empty : sql` AND "accountId" = ${ownerId}`;
    const changed = await t.exec(sql`UPDATE "ApiToken" SET "revokedAt" = ${new Date()} WHERE "id" = ${id}${owner} AND "revokedAt" IS NULL`);
    if (changed === 0) throw new AppError("not_found", `No live token ${id}${ownerId === undefined ? "" : " of yours"}.`);
    await writeAudit(t, { ...actor, action: "token.revoked", entityType: "ApiToken", entityId: id });
  };
  await (q ? revoke(q) : db().tx(revoke));
}

/**
 * Counts a request of a token in its one-minute window (kept in the database, so every app instance
 * counts the same requests) and refuses it past the limit with 429 and when to retry.
 */
async function countRequest(q: Queryable, tokenId: number, now = new Date()): Promise<void> {
  const minute = Math.floor(now.getTime() / 60_000);
  const { rateCount } = await q.one(
    row({ rateCount: col.int }),
    sql`UPDATE "ApiToken" SET "lastUsedAt" = ${now}, "rateCount" = CASE WHEN "rateWindow" = ${minute} THEN "rateCount" + 1 ELSE 1 END, "rateWindow" = ${minute}
        WHERE "id" = ${tokenId} RETURNING "rateCount"`,
  );
  if (rateCount > env.API_RATE_LIMIT) {
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

const scope = z.enum(["read", "write"]);
const TokenOwner = row({
  id: col.int,
  scope,
  prefix: col.text,
  revokedAt: col.date.nullable(),
  accountId: col.int,
  email: col.text,
  name: col.text,
  role: col.text,
  active: col.bool,
});

/**
 * The owner behind an `Authorization: Bearer <token>` header, or a 401 saying what is wrong: no
 * token, an unknown or revoked one, or an owner who is no longer active.
 */
export async function authenticateToken(authorization: string | null, q: Queryable = db()): Promise<TokenPrincipal> {
  const secret = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!secret) throw new AppError("unauthenticated", "Send an API token: Authorization: Bearer <token>.");
  const t = await q.maybe(
    TokenOwner,
    sql`SELECT t."id", t."scope", t."prefix", t."revokedAt", a."id" AS "accountId", a."email", a."name", a."role", a."active"
        FROM "ApiToken" t JOIN "Account" a ON a."id" = t."accountId" WHERE t."tokenHash" = ${hash(secret)}`,
  );
  if (!t) throw new AppError("unauthenticated", "This API token is not valid.");
  if (t.revokedAt) throw new AppError("unauthenticated", "This API token was revoked.");
  if (!t.active || !isRole(t.role)) throw new AppError("unauthenticated", "The owner of this API token is deactivated.");
  await countRequest(q, t.id);
  return { user: { id: t.accountId, email: t.email, name: t.name || t.email, role: t.role }, scope: t.scope, tokenId: t.id, prefix: t.prefix };
}

const TokenRow = row({ id: col.int, name: col.text, prefix: col.text, scope, createdAt: col.date, lastUsedAt: col.date.nullable(), revokedAt: col.date.nullable() });
export type TokenRow = z.output<typeof TokenRow>;

/** An account's tokens, newest first (never the secrets: only their hashes are kept). */
export function listApiTokens(accountId: number): Promise<TokenRow[]> {
  return db().many(TokenRow, sql`SELECT "id", "name", "prefix", "scope", "createdAt", "lastUsedAt", "revokedAt" FROM "ApiToken" WHERE "accountId" = ${accountId} ORDER BY "id" DESC`);
}
