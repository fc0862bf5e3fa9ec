// Times a page of the real server, signed in: `next start` on a bench database, a credentials
// sign-in through next-auth's own endpoints, then GETs of the page, each timed to its last byte.
import { spawn } from "node:child_process";
import { NEXT_BIN, buildIfNeeded } from "../scripts/build-if-needed";
import { freePort } from "../test/helpers/free-port";

export async function timePage(opts: { databaseUrl: string; email: string; password: string; path: string; runs: number }): Promise<number[]> {
  buildIfNeeded();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], {
    env: { ...process.env, DATABASE_URL: opts.databaseUrl, NODE_ENV: "production", NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  try {
    for (let up = false, tries = 0; !up; tries++) {
      if (tries > 120) throw new Error("the server did not come up");
      up = await fetch(`${base}/login`).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 500));
    }
    const jar = new Map<string, string>();
    const keep = (r: Response) => r.headers.getSetCookie().forEach((c) => jar.set(c.split("=")[0], c.split(";")[0]));
    const cookie = () => [...jar.values()].join("; ");
    const csrf = await fetch(`${base}/api/auth/csrf`);
    keep(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
      body: new URLSearchParams({ csrfToken, email: opts.email, password: opts.password, json: "true" }),
      redirect: "manual",
    });
    keep(signIn);
    if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`could not sign in as ${opts.email}`);
    const times: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const t = performance.now();
      const r = await fetch(`${base}${opts.path}`, { headers: { cookie: cookie() } });
      const body = await r.text();
      if (!r.ok || body.includes("/login")) throw new Error(`GET ${opts.path}: ${r.status}`);
      times.push(+(performance.now() - t).toFixed(1));
    }
    return times;
  } finally {
    server.kill();
  }
}
