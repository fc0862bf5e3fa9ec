import "server-only";
import bcrypt from "bcryptjs";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { prisma } from "../db";
import { env } from "../env";
import { recordAudit } from "../server/record-audit";
import { credentials } from "../validation/accounts";
import { isRole } from "./roles";

// A hash to compare against when the email is unknown, so both paths take the same time.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jz3m1Q5r1rWcHtdR6x2Px4lZ8Qe6";

/** next-auth: email + password, JWT sessions that carry the account id, role and session version. */
export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const account = await prisma.account.findUnique({ where: { email } });
        const ok = await bcrypt.compare(password, account?.passwordHash ?? DUMMY_HASH);
        if (!account || !ok || !account.active) {
          await recordAudit({ actorId: account?.id ?? null, actorLabel: email, action: "auth.login_failed", entityType: "Account", entityId: account?.id ?? email, after: { reason: !account ? "unknown email" : !ok ? "wrong password" : "deactivated" } });
          return null;
        }
        await prisma.account.update({ where: { id: account.id }, data: { lastLoginAt: new Date() } });
        await recordAudit({ actorId: account.id, actorLabel: account.email, action: "auth.login", entityType: "Account", entityId: account.id });
        return { id: String(account.id), email: account.email, name: account.name || account.email, role: account.role, sv: account.sessionVersion };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; role: string; sv: number };
        token.uid = Number(u.id);
        token.role = isRole(u.role) ? u.role : "annotator";
        token.sv = u.sv;
      }
      return token;
    },
    async session({ session, token }) {
      session.user = { ...session.user, id: token.uid as number, role: token.role as string, sv: token.sv as number } as typeof session.user;
      return session;
    },
  },
};
