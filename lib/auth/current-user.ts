import "server-only";
import { getServerSession } from "next-auth";
import { sessionUser } from "../server/auth/sessions";
import { authOptions } from "./options";
import type { Role } from "./roles";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

/**
 * The signed-in account, or null. The signed token alone is not trusted: it names a server-side
 * session (lib/server/auth/sessions.ts), which sign-out, a password reset and a deactivation end, and
 * the account must still be active; the role is read fresh, so a role change applies at once.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const sid = (session?.user as { sid?: unknown } | undefined)?.sid;
  return typeof sid === "string" ? sessionUser(sid) : null;
}
