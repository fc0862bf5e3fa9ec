import "server-only";
import { settleSessionSecret, type SessionSecret } from "../../auth/session-secret";
import { openDb } from "../../db/client";
import { keepSecret } from "../../db/workbench-secrets";
import { dataDir, env } from "../../env";

/**
 * Settles the session secret for this process and the ones it starts (the server, a worker): the
 * configured NEXTAUTH_SECRET, or the one every instance shares through the database at `url`
 * (kept there by whichever started first); NEXTAUTH_SECRET holds it from here on.
 */
export async function useSessionSecret(url: string): Promise<SessionSecret> {
  const d = openDb(url);
  try {
    const secret = await settleSessionSecret({ configured: process.env.NEXTAUTH_SECRET, dataDir: dataDir(), production: env.NODE_ENV === "production" }, (candidate) =>
      keepSecret(d, "session", candidate),
    );
    process.env.NEXTAUTH_SECRET = secret.secret;
    return secret;
  } finally {
    await d.close();
  }
}

/** What a starter says of the secret it settled, in one line. */
export function describeSessionSecret(s: SessionSecret): string {
  switch (s.source) {
    case "env":
      return `Session secret: NEXTAUTH_SECRET.${s.warning ? ` Warning: ${s.warning}` : ""}`;
    case "database":
      return "Session secret: the one kept in the database, shared by every instance.";
    case "moved":
      return `Session secret: moved from ${s.file} into the database, where every instance finds it; the file is no longer read and can be deleted.`;
    default:
      return "Session secret: generated a random one into the database, where every instance finds it; sessions survive restarts. Set NEXTAUTH_SECRET to keep it out of the database.";
  }
}
