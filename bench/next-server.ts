// The real server for benchmarks: what `npm start` serves (scripts/serve.ts) on a bench database (built first if the sources
// changed), its resident memory (with any child processes), and a signed-in page timer.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { buildIfNeeded } from "../scripts/build-if-needed";
import { freePort } from "../test/helpers/free-port";

export interface NextServer {
  base: string;
  /** resident set of the server and its children now, MB */
  rssMb(): number;
  /** resident set of the server process alone now, MB */
  ownRssMb(): number;
  stop(): void;
}

function ownRssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function treeRssKb(pid: number): number {
  let kb = 0;
  try {
    kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      if (ppid === pid) kb += treeRssKb(Number(entry));
    } catch {
      // gone
    }
  }
  return kb;
}

export async function startNextServer(databaseUrl: string, env: Record<string, string> = {}): Promise<NextServer> {
  buildIfNeeded();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // the server npm start runs (Next's handler behind scripts/serve.ts, which tells the app each connection's address)
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), ...env },
    stdio: "ignore",
  });
  for (let up = false, tries = 0; !up; tries++) {
    if (tries > 120) throw new Error("the server did not come up");
    up = await fetch(`${base}/login`).then(
      (r) => r.ok,
      () => false,
    );
    if (!up) await new Promise((r) => setTimeout(r, 500));
  }
  return { base, rssMb: () => Math.round(treeRssKb(server.pid!) / 1024), ownRssMb: () => Math.round(ownRssKb(server.pid!) / 1024), stop: () => server.kill() };
}

/** Signs in through next-auth's own endpoints and times GETs of a page, each to its last byte. */
export async function timePage(opts: { databaseUrl: string; email: string; password: string; path: string; runs: number }): Promise<number[]> {
  const server = await startNextServer(opts.databaseUrl);
  try {
    const jar = new Map<string, string>();
    const keep = (r: Response) => r.headers.getSetCookie().forEach((c) => jar.set(c.split("=")[0], c.split(";")[0]));
    const cookie = () => [...jar.values()].join("; ");
    const csrf = await fetch(`${server.base}/api/auth/csrf`);
    keep(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await fetch(`${server.base}/api/auth/callback/credentials`, {
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
      const r = await fetch(`${server.base}${opts.path}`, { headers: { cookie: cookie() } });
      const body = await r.text();
      if (!r.ok || body.includes("/login")) throw new Error(`GET ${opts.path}: ${r.status}`);
      times.push(+(performance.now() - t).toFixed(1));
    }
    return times;
  } finally {
    server.stop();
  }
}
