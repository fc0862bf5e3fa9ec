import "server-only";
import { getServerSession } from "next-auth";
import { prisma } from "../db";
import { authOptions } from "./options";
import { isRole, type Role } from "./roles";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

/**
 * The signed-in account, or null. The JWT alone is not trusted for long: each call checks that the
 * account is still active and that its session version has not moved (deactivation and password
 * resets bump it), so such sessions stop working at once.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const claims = session?.user as { id?: number; sv?: number } | undefined;
  if (!claims?.id) return null;
  return accountAsSessionUser(claims.id, claims.sv ?? 0);
}

export async function accountAsSessionUser(id: number, sessionVersion?: number): Promise<SessionUser | null> {
  const account = await prisma.account.findUnique({ where: { id } });
  if (!account || !account.active || !isRole(account.role)) return null;
  if (sessionVersion !== undefined && sessionVersion !== account.sessionVersion) return null;
  return { id: account.id, email: account.email, name: account.name || account.email, role: account.role };
}
