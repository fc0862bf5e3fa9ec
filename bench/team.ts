// A team at work, for the benches that run the workbench the way people use it (soak.ts, busy.ts):
// two `npm start` instances (each its own DATA_DIR and worker) on one database, a project of N
// artifacts loaded by `cli import`, annotators reviewing at a human pace through the review doors
// (each on one instance, on the other while theirs is down, as behind a balancer), a lead loading
// heavy pages, and what each request took.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import { writeDemoBatch } from "../lib/cli/commands/demo";
import { openDb, type Db } from "../lib/db/client";
import { col, row } from "../lib/db/columns";
import { sql } from "../lib/db/sql";
import { RISKY_CHECKS } from "../lib/domain/risky-checks";
import { freePort } from "../test/helpers/free-port";
import { cookieHeader, signIn } from "../test/helpers/http-auth";
import { exited, startInstance, stop, waitUntilUp } from "../test/helpers/instances";

export type Kind = "claim" | "verdict" | "lead" | "upload" | "login";
export interface Sample {
  at: number;
  kind: Kind;
  ms: number;
  status: number | "refused" | "hung";
  /** a lead's request: the page it loaded */
  page?: string;
}
export type Stat = { p50: number | null; p99: number | null; max: number | null; n: number };

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1);
};
export const stat = (xs: number[]): Stat => ({ p50: pct(xs, 50), p99: pct(xs, 99), max: xs.length ? +Math.max(...xs).toFixed(1) : null, n: xs.length });
export const TSX = [process.execPath, "--import", "tsx", "--conditions=react-server"];
export const machine = () => `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;

/** A request that never waits past 30 s: a hang is an answer too. */
export async function timed(url: string, init: RequestInit = {}): Promise<{ ms: number; status: Sample["status"]; res?: Response }> {
  const t = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    return { ms: performance.now() - t, status: res.status, res };
  } catch (e) {
    return { ms: performance.now() - t, status: (e as Error).name === "TimeoutError" ? "hung" : "refused" };
  }
}

export interface TeamOptions {
  artifacts: number;
  annotators: number;
  /**
   * a PostgreSQL server's admin URL (postgres://user:pw@host:port/postgres): both instances use a
   * new database on it; unset, the first instance runs the embedded PostgreSQL and the second
   * reaches it as an external server
   */
  serverUrl?: string;
  log: (line: string) => void;
}

export interface Team {
  urls: string[];
  databaseUrl: string;
  db: Db;
  projectId: number;
  ids: Map<string, number>;
  dirA: string;
  a: ReturnType<typeof startInstance>;
  b: ReturnType<typeof startInstance> | null;
  startB(): ReturnType<typeof startInstance>;
  loaded: { artifacts: number; seconds: number };
  /** which instances are down (their clients use the other) */
  down: boolean[];
  pick(home: number): number;
  stop(): Promise<void>;
}

export const PASSWORD = "soak-password";
export const annotatorEmail = (i: number) => `soak${i}@example.org`;
export const LEAD = "soak-lead@example.org";

/** Starts two instances on one database and loads a project of `artifacts` with `cli import`. */
export async function startTeam(opts: TeamOptions): Promise<Team> {
  const { log } = opts;
  const dirA = fs.mkdtempSync(path.join(os.tmpdir(), "team-a-"));
  const dirB = fs.mkdtempSync(path.join(os.tmpdir(), "team-b-"));
  fs.chmodSync(dirA, 0o755); // the postgres system user must reach the embedded cluster below it
  const [portA, portB, pgPort] = [await freePort(), await freePort(), await freePort()];
  const urls = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  const env = { JOB_STALL_SECONDS: "10", DEMO_USERS: "4" };
  let external: string | null = null;
  if (opts.serverUrl) {
    const name = `workbench_team_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
    const admin = openDb(opts.serverUrl);
    await admin.exec(sql`CREATE DATABASE ${sql.raw(name)}`);
    await admin.close();
    external = opts.serverUrl.replace(/\/[^/]*$/, `/${name}`);
  }
  const a = startInstance({ ...env, PORT: String(portA), DATABASE_URL: external ?? "", DATA_DIR: dirA, EMBEDDED_PG_PORT: String(pgPort), NEXTAUTH_URL: urls[0] });
  const team: Partial<Team> & { a: typeof a } = { a, b: null, urls, dirA, down: [false, false] };
  const stopAll = async () => {
    await team.db?.close();
    stop(team.b?.child.pid);
    stop(a.child.pid);
    if (team.b) await exited(team.b.child);
    await exited(a.child);
    fs.rmSync(dirA, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    fs.rmSync(dirB, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };
  try {
    await waitUntilUp(`${urls[0]}/login`, a.child, a.output, 15 * 60_000);
    const databaseUrl = external ?? `postgres://workbench:${fs.readFileSync(path.join(dirA, "postgres.password"), "utf8").trim()}@127.0.0.1:${pgPort}/workbench`;
    const db = openDb(databaseUrl);
    team.db = db;

    // the team: annotators and a lead of a project of N artifacts, loaded by the real importer
    const hash = bcrypt.hashSync(PASSWORD, 4);
    const Id = row({ id: col.int });
    const now = new Date();
    const { id: projectId } = await db.one(Id, sql`INSERT INTO "Project" ("name", "overlap", "goldRate", "createdAt", "updatedAt") VALUES ('soak', 2, 0, ${now}, ${now}) RETURNING "id"`);
    const people = [...Array.from({ length: opts.annotators }, (_, i) => ({ email: annotatorEmail(i), role: "annotator" })), { email: LEAD, role: "lead" }];
    const ids = new Map<string, number>();
    for (const p of people) {
      const { id } = await db.one(Id, sql`INSERT INTO "Account" ("email", "role", "passwordHash", "createdAt") VALUES (${p.email}, ${p.role}, ${hash}, ${now}) RETURNING "id"`);
      await db.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${projectId}, ${id}, ${now})`);
      ids.set(p.email, id);
    }
    const batch = path.join(dirA, "team-batch.jsonl");
    log(`team: generating and importing ${opts.artifacts} artifacts...`);
    await writeDemoBatch({ out: batch, users: Math.ceil(opts.artifacts / 9), seed: "soak" });
    const loadStarted = performance.now();
    execFileSync(TSX[0], [...TSX.slice(1), "scripts/cli.ts", "import", batch, "--project", "soak", "--json"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "ignore", "inherit"],
    });
    const loaded = {
      artifacts: (await db.one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM "Artifact" WHERE "projectId" = ${projectId}`)).n,
      seconds: +((performance.now() - loadStarted) / 1000).toFixed(1),
    };
    fs.rmSync(batch);
    const startB = () => (team.b = startInstance({ ...env, PORT: String(portB), DATABASE_URL: databaseUrl, DATA_DIR: dirB, NEXTAUTH_URL: urls[1] }));
    const b = startB();
    await waitUntilUp(`${urls[1]}/login`, b.child, b.output, 5 * 60_000);
    Object.assign(team, { databaseUrl, projectId, ids, loaded, startB, stop: stopAll, pick: (home: number) => (team.down![home] ? 1 - home : home) });
    return team as Team;
  } catch (e) {
    await stopAll();
    throw e;
  }
}

/** One annotator reviewing at a human pace until `running()` says stop: claims, reads for `think` ms, answers. */
export async function annotate(team: Team, i: number, o: { think: () => number; running: () => boolean; samples: Sample[]; acknowledged?: { accountId: number; artifactId: string }[] }) {
  const email = annotatorEmail(i);
  const home = i % 2;
  let jar: Map<string, string> | null = null;
  while (!jar && o.running()) jar = await signIn(team.urls[team.pick(home)], email, PASSWORD).catch(() => null);
  if (!jar) return;
  const headers = { cookie: cookieHeader(jar), "content-type": "application/json" };
  let current: { artifactId: string; reject: boolean } | null = null;
  await sleep(Math.random() * o.think()); // not all at once
  while (o.running()) {
    const base = team.urls[team.pick(home)];
    const verdict = current
      ? { artifactId: current.artifactId, decision: current.reject ? "reject" : "accept", reasons: current.reject ? ["hallucination"] : [], durationMs: 5000, overrides: [...RISKY_CHECKS] }
      : null;
    const r = await timed(`${base}/api/review/${team.projectId}/${verdict ? "verdict" : "next"}`, {
      method: "POST",
      headers: { ...headers, origin: base },
      body: JSON.stringify(verdict ? { projectId: team.projectId, verdict } : { projectId: team.projectId }),
    });
    o.samples.push({ at: Date.now(), kind: verdict ? "verdict" : "claim", ms: r.ms, status: r.status });
    if (r.status === 200 && r.res) {
      if (current) o.acknowledged?.push({ accountId: team.ids.get(email)!, artifactId: current.artifactId });
      const step = (await r.res.json()) as { item: { artifactId: string; evidence: { unsupported?: boolean }[] } | null };
      current = step.item ? { artifactId: step.item.artifactId, reject: step.item.evidence.some((e) => e.unsupported) } : null;
      await sleep(current ? o.think() : 2000);
    } else {
      await r.res?.body?.cancel();
      if (r.status !== "refused") current = null; // claimed again (the lease is kept) on the next try
      await sleep(1000);
    }
  }
}

/** The lead loading `pages` in turn, `pauseMs` apart, on both instances. */
export async function lead(team: Team, o: { pages: string[]; pauseMs: number; running: () => boolean; samples: Sample[] }) {
  let jar: Map<string, string> | null = null;
  while (!jar && o.running()) jar = await signIn(team.urls[team.pick(0)], LEAD, PASSWORD).catch(() => null);
  if (!jar) return;
  for (let n = 0; o.running(); n++) {
    const page = o.pages[n % o.pages.length];
    const r = await timed(`${team.urls[team.pick(n % 2)]}${page}`, { headers: { cookie: cookieHeader(jar) } });
    await r.res?.arrayBuffer().catch(() => undefined);
    o.samples.push({ at: Date.now(), kind: "lead", ms: r.ms, status: r.status, page });
    await sleep(o.pauseMs);
  }
}

/** A visitor loading the sign-in page every `everyMs`: what a page that reads no data takes. */
export async function loginProbe(team: Team, o: { everyMs: number; running: () => boolean; samples: Sample[] }) {
  for (let n = 0; o.running(); n++) {
    const r = await timed(`${team.urls[n % 2]}/login`);
    await r.res?.arrayBuffer().catch(() => undefined);
    o.samples.push({ at: Date.now(), kind: "login", ms: r.ms, status: r.status });
    await sleep(o.everyMs);
  }
}
