import "server-only";
import { getServerSession } from "next-auth";
import { z } from "zod";
import { authOptions } from "./options";
import { ROLES, type Role } from "./roles";
import { throwingDatabaseFailure } from "./session-failure";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
}

const sessionClaims = z.object({ id: z.number().int(), email: z.string(), name: z.string(), role: z.enum(ROLES) });

/**
 * The signed-in account, or null. The signed token alone is not trusted: reading the session runs
 * the jwt callback (lib/auth/options.ts), which checks the server-side session it names
 * (lib/server/auth/sessions.ts; sign-out, a password reset and a deactivation end it) and reads the
 * active account fresh, so a role change applies at once. One query per request.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await throwingDatabaseFailure(() => getServerSession(authOptions));
  const claims = sessionClaims.safeParse(session?.user);
  return claims.success ? claims.data : null;
}
