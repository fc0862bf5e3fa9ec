import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { dataDir, env } from "../env";
import { clientAddress } from "../server/auth/login-throttle";
import { endSession, sessionUser, startSession } from "../server/auth/sessions";
import { verifyCredentials } from "../server/auth/verify-credentials";
import { isRole } from "./roles";
import { safeRedirectUrl } from "./safe-callback";
import { currentSessionSecret } from "./session-secret";
import { keepDatabaseFailure } from "./session-failure";
import { DATABASE_UNAVAILABLE } from "../errors";

const SESSION_MAX_AGE = 12 * 60 * 60;

const isHttps = (url: string | undefined) => url !== undefined && new URL(url).protocol === "https:";
const SESSION_ENDED = "session ended";

/**
 * next-auth: email + password; encrypted JWT session tokens that name a server-side session
 * (lib/server/auth/sessions.ts). The session's id lives only in that token, which the browser
 * cannot read; the session JSON it can read (/api/auth/session) names the account alone.
 */
export const authOptions: NextAuthOptions = {
  secret: currentSessionSecret(dataDir()),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE },
  // Secure (and __Secure-/__Host- named) cookies whenever the public address is https, said here
  // rather than left to next-auth's guess from the request's origin
  useSecureCookies: isHttps(env.NEXTAUTH_URL ?? process.env.NEXTAUTH_URL),
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        return verifyCredentials(raw, clientAddress(req.headers));
      },
    }),
  ],
  logger: {
    error(code, metadata) {
      // an ended session is an everyday answer, not an error worth a stack trace
      const m = metadata as { message?: string; error?: { message?: string } } | undefined;
      if (m?.message === SESSION_ENDED || m?.error?.message === SESSION_ENDED) return;
      if (m?.message === DATABASE_UNAVAILABLE || m?.error?.message === DATABASE_UNAVAILABLE) return; // told by the request itself
      console.error(`[next-auth][error][${code}]`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth][warn][${code}]`);
    },
    debug() {},
  },
  events: {
    // sign-out ends the session on the server: the old cookie, replayed, is no session
    async signOut({ token }) {
      if (typeof token?.sid === "string") await endSession(token.sid);
    },
  },
  callbacks: {
    async redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
    async jwt({ token, user }) {
      if (user) {
        const u = user as unknown as { id: string; role: string };
        token.uid = Number(u.id);
        token.role = isRole(u.role) ? u.role : "annotator";
        token.sid = await startSession(token.uid as number, SESSION_MAX_AGE);
      } else {
        // every read of the session checks the server-side session and reads the account fresh
        // (a role change applies at once); next-auth answers "no session" when this throws
        const live = typeof token.sid === "string" ? await sessionUser(token.sid).catch(keepDatabaseFailure) : null;
        if (!live) throw new Error(SESSION_ENDED);
        Object.assign(token, { uid: live.id, role: live.role, email: live.email, name: live.name });
      }
      return token;
    },
    async session({ session, token }) {
      // what the browser may read: never the server-side session's id (token.sid)
      session.user = { id: token.uid, email: token.email, name: token.name, role: token.role } as typeof session.user;
      return session;
    },
  },
};
