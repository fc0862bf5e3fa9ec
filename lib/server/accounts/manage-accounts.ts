import "server-only";
import bcrypt from "bcryptjs";
import type { Role } from "../../auth/roles";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import { rawDb } from "../raw-db";
import type { Actor } from "../record-audit";
import { endAccessOf } from "../auth/sessions";
import { immediate, stmt, type Sqlite } from "../sqlite";
import { generatePassword } from "./create-account";

export interface AccountRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  createdAt: string;
  lastLoginAt: string | null;
  liveTokens: number;
}

export function listAccounts(db: Sqlite = rawDb()): AccountRow[] {
  const rows = stmt(
    db,
    `SELECT a.id, a.email, a.name, a.role, a.active, a.createdAt, a.lastLoginAt,
            (SELECT COUNT(*) FROM ApiToken t WHERE t.accountId = a.id AND t.revokedAt IS NULL) AS liveTokens
     FROM Account a ORDER BY a.email`,
  ).all() as (Omit<AccountRow, "active"> & { active: number })[];
  return rows.map((r) => ({ ...r, active: r.active === 1 }));
}

interface Target {
  id: number;
  email: string;
  role: Role;
  active: number;
}

function target(db: Sqlite, accountId: number): Target {
  const a = stmt(db, `SELECT id, email, role, active FROM Account WHERE id = ?`).get(accountId) as Target | undefined;
  if (!a) throw new AppError("not_found", `No account ${accountId}.`);
  return a;
}

/** Refuses a change that would leave no active admin: nobody could manage accounts any more. */
function keepAnAdmin(db: Sqlite, a: Target, what: string) {
  if (a.role !== "admin" || !a.active) return;
  const others = stmt(db, `SELECT COUNT(*) FROM Account WHERE role = 'admin' AND active = 1 AND id <> ?`).pluck().get(a.id) as number;
  if (others === 0) throw new AppError("conflict", `${a.email} is the only active admin; make another admin first, then ${what}.`);
}

export function changeRole(accountId: number, role: Role, actor: Actor, db: Sqlite = rawDb()): string {
  return immediate(db, () => {
    const a = target(db, accountId);
    if (a.role === role) return `${a.email} is already ${role === "admin" ? "an" : "a"} ${role}.`;
    if (role !== "admin") keepAnAdmin(db, a, "change this role");
    stmt(db, `UPDATE Account SET role = ? WHERE id = ?`).run(role, accountId);
    writeAudit(db, { ...actor, action: "account.role_changed", entityType: "Account", entityId: accountId, before: { role: a.role }, after: { role } });
    return `${a.email} is now ${role === "admin" ? "an" : "a"} ${role}.`;
  });
}

/**
 * Deactivates or reactivates an account. Deactivation ends the person's sessions and revokes their
 * API tokens, so reactivating brings none of them back.
 */
export function setActive(accountId: number, active: boolean, actor: Actor, db: Sqlite = rawDb()): string {
  return immediate(db, () => {
    const a = target(db, accountId);
    if (!active && actor.actorId === accountId) throw new AppError("conflict", "You cannot deactivate your own account; ask another admin.");
    if (Boolean(a.active) === active) return `${a.email} is already ${active ? "active" : "deactivated"}.`;
    if (!active) keepAnAdmin(db, a, "deactivate this one");
    stmt(db, `UPDATE Account SET active = ? WHERE id = ?`).run(active ? 1 : 0, accountId);
    const ended = active ? undefined : endAccessOf(db, accountId, new Date());
    writeAudit(db, { ...actor, action: active ? "account.reactivated" : "account.deactivated", entityType: "Account", entityId: accountId, before: { active: !active }, after: { active, ...ended } });
    return active ? `${a.email} can sign in again.` : `${a.email} is deactivated; their sessions and API tokens stopped working.`;
  });
}

/** Sets a generated password (returned once, never stored or audited in clear), ends the account's sessions and revokes its API tokens. */
export async function resetPassword(accountId: number, actor: Actor, db: Sqlite = rawDb()): Promise<{ email: string; password: string }> {
  const password = generatePassword();
  const hash = await bcrypt.hash(password, 10);
  const email = immediate(db, () => {
    const a = target(db, accountId);
    stmt(db, `UPDATE Account SET passwordHash = ? WHERE id = ?`).run(hash, accountId);
    const ended = endAccessOf(db, accountId, new Date());
    writeAudit(db, { ...actor, action: "account.password_reset", entityType: "Account", entityId: accountId, after: ended });
    return a.email;
  });
  return { email, password };
}
