import "server-only";
import bcrypt from "bcryptjs";
import type { Role } from "../../auth/roles";
import { db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { endAccessOf } from "../auth/sessions";
import { generatePassword } from "./create-account";

const role = col.text as unknown as import("zod").ZodType<Role, string>;

const AccountRow = row({
  id: col.int,
  email: col.text,
  name: col.text,
  role,
  active: col.bool,
  createdAt: col.date,
  lastLoginAt: col.date.nullable(),
  liveTokens: col.int,
});
export type AccountRow = import("zod").output<typeof AccountRow>;

export function listAccounts(): Promise<AccountRow[]> {
  return db().many(
    AccountRow,
    sql`SELECT a."id", a."email", a."name", a."role", a."active", a."createdAt", a."lastLoginAt",
               (SELECT COUNT(*) FROM "ApiToken" t WHERE t."accountId" = a."id" AND t."revokedAt" IS NULL) AS "liveTokens"
        FROM "Account" a ORDER BY a."email"`,
  );
}

const Target = row({ id: col.int, email: col.text, role, active: col.bool });
type Target = import("zod").output<typeof Target>;

async function target(t: Queryable, accountId: number): Promise<Target> {
  const a = await t.maybe(Target, sql`SELECT "id", "email", "role", "active" FROM "Account" WHERE "id" = ${accountId}`);
  if (!a) throw new AppError("not_found", `No account ${accountId}.`);
  return a;
}

/** Refuses a change that would leave no active admin: nobody could manage accounts any more. */
async function keepAnAdmin(t: Queryable, a: Target, what: string) {
  if (a.role !== "admin" || !a.active) return;
  const { n } = await t.one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM "Account" WHERE "role" = 'admin' AND "active" AND "id" <> ${a.id}`);
  if (n === 0) throw new AppError("conflict", `${a.email} is the only active admin; make another admin first, then ${what}.`);
}

export function changeRole(accountId: number, newRole: Role, actor: Actor): Promise<string> {
  return db().tx(async (t) => {
    const a = await target(t, accountId);
    if (a.role === newRole) return `${a.email} is already ${newRole === "admin" ? "an" : "a"} ${newRole}.`;
    if (newRole !== "admin") await keepAnAdmin(t, a, "change this role");
    await t.exec(sql`UPDATE "Account" SET "role" = ${newRole} WHERE "id" = ${accountId}`);
    await writeAudit(t, { ...actor, action: "account.role_changed", entityType: "Account", entityId: accountId, before: { role: a.role }, after: { role: newRole } });
    return `${a.email} is now ${newRole === "admin" ? "an" : "a"} ${newRole}.`;
  });
}

/**
 * Deactivates or reactivates an account. Deactivation ends the person's sessions and revokes their
 * API tokens, so reactivating brings none of them back.
 */
export function setActive(accountId: number, active: boolean, actor: Actor): Promise<string> {
  return db().tx(async (t) => {
    const a = await target(t, accountId);
    if (!active && actor.actorId === accountId) throw new AppError("conflict", "You cannot deactivate your own account; ask another admin.");
    if (a.active === active) return `${a.email} is already ${active ? "active" : "deactivated"}.`;
    if (!active) await keepAnAdmin(t, a, "deactivate this one");
    await t.exec(sql`UPDATE "Account" SET "active" = ${active} WHERE "id" = ${accountId}`);
    const ended = active ? undefined : await endAccessOf(t, accountId, new Date());
    await writeAudit(t, {
      ...actor,
      action: active ? "account.reactivated" : "account.deactivated",
      entityType: "Account",
      entityId: accountId,
      before: { active: !active },
      after: { active, ...ended },
    });
    return active ? `${a.email} can sign in again.` : `${a.email} is deactivated; their sessions and API tokens stopped working.`;
  });
}

/** Sets a generated password (returned once, never stored or audited in clear), ends the account's sessions and revokes its API tokens. */
export async function resetPassword(accountId: number, actor: Actor): Promise<{ email: string; password: string }> {
  const password = generatePassword();
  const hash = await bcrypt.hash(password, 10);
  const email = await db().tx(async (t) => {
    const a = await target(t, accountId);
    await t.exec(sql`UPDATE "Account" SET "passwordHash" = ${hash} WHERE "id" = ${accountId}`);
    const ended = await endAccessOf(t, accountId, new Date());
    await writeAudit(t, { ...actor, action: "account.password_reset", entityType: "Account", entityId: accountId, after: ended });
    return a.email;
  });
  return { email, password };
}
