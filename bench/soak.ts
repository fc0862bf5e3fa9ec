// npm run bench -- soak [--minutes M] [--artifacts N] [--annotators A] [--import-lines L] [--chart FILE]
//   An hour (by default) of a team's work with faults, the way it runs for real: two `npm start`
//   instances (each its own DATA_DIR and worker; the first runs the embedded PostgreSQL) on one
//   database of N artifacts (default 1M); A annotators (default 50) reviewing at a human pace through
//   the review doors, each on one instance and on the other when theirs is down (a balancer); a lead
//   reloading the heavy pages; the pipeline uploading a batch through the API every 30 s; a cli
//   import of L lines (default 1M) in the middle. Faults: a worker killed every tenth of the run, the
//   second instance killed and started again once, PostgreSQL restarted once. Per minute: requests,
//   p50/p99 of claim, verdict and lead page, errors by status; at the end: verdicts acknowledged
//   against stored, double assignments, jobs stuck or lost, imports half-written; and a chart.
// The e2e suite runs the same scenario for two minutes (test/e2e/soak.test.ts).
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { writeDemoBatch } from "../lib/cli/commands/demo";
import { openDb, type Db } from "../lib/db/client";
import { col, row } from "../lib/db/columns";
import { sql } from "../lib/db/sql";
import { RISKY_CHECKS } from "../lib/domain/risky-checks";
import { freePort } from "../test/helpers/free-port";
import { cookieHeader, signIn } from "../test/helpers/http-auth";
import { exited, startInstance, stop, waitUntilUp } from "../test/helpers/instances";
import { soakChart } from "./soak-chart";

export interface SoakOptions {
  minutes: number;
  artifacts: number;
  annotators: number;
  importLines: number;
  /** a human's time on one artifact, uniformly between these (ms) */
  thinkMs?: [number, number];
  /** how long the lead waits between two rounds of heavy pages */
  leadPauseMs?: number;
  log?: (line: string) => void;
}

type Kind = "claim" | "verdict" | "lead" | "upload";
interface Sample {
  at: number;
  kind: Kind;
  ms: number;
  status: number | "refused" | "hung";
}

export interface MinuteRow {
  minute: number;
  requests: number;
  claim: { p50: number | null; p99: number | null };
  verdict: { p50: number | null; p99: number | null };
  lead: { p50: number | null; p99: number | null };
  errors: Record<string, number>;
}

export interface SoakReport {
  date: string;
  machine: string;
  options: Omit<SoakOptions, "log">;
  loaded: { artifacts: number; seconds: number };
  faults: { minute: number; what: string }[];
  minutes: MinuteRow[];
  totals: { requests: number; verdictsAcknowledged: number; errors: Record<string, number>; claim: Stat; verdict: Stat; lead: Stat };
  checks: { verdictsLost: number; doubleAssignments: number; jobsStuck: number; jobsLost: number; importsHalfWritten: number };
  import: { lines: number; seconds: number | null; attempts: number; ok: boolean };
  chart: string;
}
type Stat = { p50: number | null; p99: number | null; max: number | null };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))].toFixed(1);
};
const stat = (xs: number[]): Stat => ({ p50: pct(xs, 50), p99: pct(xs, 99), max: xs.length ? +Math.max(...xs).toFixed(1) : null });
const TSX = [process.execPath, "--import", "tsx", "--conditions=react-server"];

/** A request that never waits past 30 s: a hang is an answer too. */
async function timed(url: string, init: RequestInit = {}): Promise<{ ms: number; status: Sample["status"]; res?: Response }> {
  const t = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    return { ms: performance.now() - t, status: res.status, res };
  } catch (e) {
    return { ms: performance.now() - t, status: (e as Error).name === "TimeoutError" ? "hung" : "refused" };
  }
}

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const [thinkMin, thinkMax] = opts.thinkMs ?? [3000, 9000];
  const dirA = fs.mkdtempSync(path.join(os.tmpdir(), "soak-a-"));
  const dirB = fs.mkdtempSync(path.join(os.tmpdir(), "soak-b-"));
  fs.chmodSync(dirA, 0o755); // the postgres system user must reach the embedded cluster below it
  const [portA, portB, pgPort] = [await freePort(), await freePort(), await freePort()];
  const urls = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  const env = { JOB_STALL_SECONDS: "10", DEMO_USERS: "4" };
  const a = startInstance({ ...env, PORT: String(portA), DATABASE_URL: "", DATA_DIR: dirA, EMBEDDED_PG_PORT: String(pgPort), NEXTAUTH_URL: urls[0] });
  let b: ReturnType<typeof startInstance> | null = null;
  let db: Db | null = null;
  try {
    await waitUntilUp(`${urls[0]}/login`, a.child, a.output, 15 * 60_000);
    const password = fs.readFileSync(path.join(dirA, "postgres.password"), "utf8").trim();
    const databaseUrl = `postgres://workbench:${password}@127.0.0.1:${pgPort}/workbench`;
    db = openDb(databaseUrl);

    // the team: annotators and a lead of a project of N artifacts, loaded by the real importer
    const hash = bcrypt.hashSync("soak-password", 4);
    const Id = row({ id: col.int });
    const now = new Date();
    const { id: projectId } = await db.one(Id, sql`INSERT INTO "Project" ("name", "overlap", "goldRate", "createdAt", "updatedAt") VALUES ('soak', 2, 0, ${now}, ${now}) RETURNING "id"`);
    const people = [...Array.from({ length: opts.annotators }, (_, i) => ({ email: `soak${i}@example.org`, role: "annotator" })), { email: "soak-lead@example.org", role: "lead" }];
    const ids = new Map<string, number>();
    for (const p of people) {
      const { id } = await db.one(Id, sql`INSERT INTO "Account" ("email", "role", "passwordHash", "createdAt") VALUES (${p.email}, ${p.role}, ${hash}, ${now}) RETURNING "id"`);
      await db.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${projectId}, ${id}, ${now})`);
      ids.set(p.email, id);
    }
    const batch = path.join(dirA, "soak-batch.jsonl");
    log(`soak: generating and importing ${opts.artifacts} artifacts...`);
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
    const importFile = path.join(dirA, "soak-import.jsonl");
    const importLines = await writeDemoBatch({ out: importFile, users: Math.max(1, Math.round(opts.importLines / 15)), seed: "soak-import" });
    await writeDemoBatch({ out: path.join(dirA, "api.jsonl"), users: 20, seed: "soak-api" });
    const apiBatch = fs.readFileSync(path.join(dirA, "api.jsonl"));
    const { createApiToken } = await import("../lib/server/auth/api-tokens");
    const { secret: token } = await db.tx((t) => createApiToken({ accountId: ids.get("soak-lead@example.org")!, name: "soak", scope: "write" }, { actorLabel: "soak" }, t));
    const { id: apiProject } = await db.one(Id, sql`INSERT INTO "Project" ("name", "createdAt", "updatedAt") VALUES ('soak-api', ${now}, ${now}) RETURNING "id"`);
    await db.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${apiProject}, ${ids.get("soak-lead@example.org")!}, ${now})`);

    const startB = () => startInstance({ ...env, PORT: String(portB), DATABASE_URL: databaseUrl, DATA_DIR: dirB, NEXTAUTH_URL: urls[1] });
    b = startB();
    await waitUntilUp(`${urls[1]}/login`, b.child, b.output, 5 * 60_000);
    log(`soak: ${loaded.artifacts} artifacts loaded in ${loaded.seconds} s; ${opts.annotators} annotators for ${opts.minutes} min`);

    const samples: Sample[] = [];
    const faults: { at: number; what: string }[] = [];
    const acknowledged: { accountId: number; artifactId: string }[] = [];
    const uploads: { key: string; ok: boolean }[] = [];
    const started = Date.now();
    const deadline = started + opts.minutes * 60_000;
    const running = () => Date.now() < deadline;
    const down = [false, false];
    const pick = (home: number) => (down[home] ? 1 - home : home);

    const annotator = async (i: number) => {
      const email = `soak${i}@example.org`;
      const home = i % 2;
      let jar: Map<string, string> | null = null;
      while (!jar && running()) jar = await signIn(urls[pick(home)], email, "soak-password").catch(() => null);
      if (!jar) return;
      const headers = { cookie: cookieHeader(jar), "content-type": "application/json" };
      let current: { artifactId: string; reject: boolean } | null = null;
      await sleep(Math.random() * thinkMax); // not all at once
      while (running()) {
        const base = urls[pick(home)];
        const verdict = current
          ? { artifactId: current.artifactId, decision: current.reject ? "reject" : "accept", reasons: current.reject ? ["hallucination"] : [], durationMs: 5000, overrides: [...RISKY_CHECKS] }
          : null;
        const r = await timed(`${base}/api/review/${projectId}/${verdict ? "verdict" : "next"}`, {
          method: "POST",
          headers: { ...headers, origin: base },
          body: JSON.stringify(verdict ? { projectId, verdict } : { projectId }),
        });
        samples.push({ at: Date.now(), kind: verdict ? "verdict" : "claim", ms: r.ms, status: r.status });
        if (r.status === 200 && r.res) {
          if (current) acknowledged.push({ accountId: ids.get(email)!, artifactId: current.artifactId });
          const step = (await r.res.json()) as { item: { artifactId: string; evidence: { unsupported?: boolean }[] } | null };
          current = step.item ? { artifactId: step.item.artifactId, reject: step.item.evidence.some((e) => e.unsupported) } : null;
          await sleep(current ? thinkMin + Math.random() * (thinkMax - thinkMin) : 2000);
        } else {
          await r.res?.body?.cancel();
          if (r.status !== "refused") current = null; // claimed again (the lease is kept) on the next try
          await sleep(1000);
        }
      }
    };

    const lead = async () => {
      let jar: Map<string, string> | null = null;
      while (!jar && running()) jar = await signIn(urls[pick(0)], "soak-lead@example.org", "soak-password").catch(() => null);
      if (!jar) return;
      const pages = [`/projects/${projectId}/dashboard`, `/projects/${projectId}/items?q=coffee`, `/projects/${projectId}/calibration`];
      for (let n = 0; running(); n++) {
        const r = await timed(`${urls[pick(n % 2)]}${pages[n % pages.length]}`, { headers: { cookie: cookieHeader(jar) } });
        await r.res?.arrayBuffer().catch(() => undefined);
        samples.push({ at: Date.now(), kind: "lead", ms: r.ms, status: r.status });
        await sleep(opts.leadPauseMs ?? 10_000);
      }
    };

    const pipeline = async () => {
      for (let n = 0; running(); n++) {
        const key = `soak-${n}`;
        let ok = false;
        for (let attempt = 0; !ok && attempt < 20; attempt++) {
          const r = await timed(`${urls[pick(n % 2)]}/api/v1/projects/${apiProject}/batches?file=api.jsonl`, {
            method: "POST",
            headers: { Authorization: `Bearer ${token}`, "Idempotency-Key": key },
            body: apiBatch,
          });
          samples.push({ at: Date.now(), kind: "upload", ms: r.ms, status: r.status });
          ok = r.status === 200 && ((await r.res!.json()) as { ok: boolean }).ok;
          if (!ok) await sleep(3000);
        }
        uploads.push({ key, ok });
        await sleep(30_000);
      }
    };

    const total = opts.minutes * 60_000;
    const fault = (what: string) => {
      faults.push({ at: Date.now(), what });
      log(`soak: minute ${((Date.now() - started) / 60_000).toFixed(1)}: ${what}`);
    };
    const importRun = { seconds: null as number | null, attempts: 0, ok: false };
    const faultsDone = (async () => {
      // a worker killed every tenth of the run, in turn on each instance (npm start starts another)
      const schedule: { at: number; run: () => Promise<void> }[] = [];
      for (let k = 1; k < 10; k++) {
        schedule.push({
          at: (total * k) / 10 - 5000,
          run: async () => {
            const inst = k % 2 ? a : b!;
            const pid = execFileSync("pgrep", ["-P", String(inst.child.pid), "-f", "scripts/worker.ts"], { encoding: "utf8" })
              .trim()
              .split("\n")[0];
            if (pid) process.kill(Number(pid), "SIGKILL");
            fault(`worker ${k % 2 ? "A" : "B"} killed`);
          },
        });
      }
      schedule.push({
        at: total * 0.4,
        run: async () => {
          down[1] = true;
          stop(b!.child.pid, "SIGKILL");
          await exited(b!.child);
          fault("instance B killed");
          b = startB();
          await waitUntilUp(`${urls[1]}/login`, b.child, b.output, 5 * 60_000);
          down[1] = false;
          fault("instance B back");
        },
      });
      schedule.push({
        at: total * 0.5,
        run: async () => {
          fault(`cli import of ${importLines} lines started`);
          void (async () => {
            const t = performance.now();
            for (; importRun.attempts < 3 && !importRun.ok;) {
              importRun.attempts++;
              const code = await new Promise<number | null>((resolve) =>
                spawn(TSX[0], [...TSX.slice(1), "scripts/cli.ts", "import", importFile, "--project", "soak-import", "--json"], {
                  env: { ...process.env, DATABASE_URL: databaseUrl },
                  stdio: "ignore",
                }).on("exit", resolve),
              );
              importRun.ok = code === 0;
              if (!importRun.ok) await sleep(5000); // as an operator would: run it again
            }
            importRun.seconds = +((performance.now() - t) / 1000).toFixed(1);
            fault(`cli import ${importRun.ok ? "done" : "failed"} (${importRun.attempts} attempt(s))`);
          })();
        },
      });
      schedule.push({
        at: total * 0.7,
        run: async () => {
          const pid = Number(fs.readFileSync(path.join(dirA, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
          process.kill(pid, "SIGINT"); // a fast shutdown; npm start starts it again
          fault("PostgreSQL stopped (fast shutdown)");
        },
      });
      schedule.sort((x, y) => x.at - y.at);
      for (const s of schedule) {
        const wait = started + s.at - Date.now();
        if (wait > 0) await sleep(wait);
        if (!running()) break;
        await s.run().catch((e: Error) => log(`soak: a fault failed to happen: ${e.message}`));
      }
    })();

    await Promise.all([...Array.from({ length: opts.annotators }, (_, i) => annotator(i)), lead(), pipeline(), faultsDone]);
    log("soak: time is up; letting the jobs settle...");
    // settle: the import finishes, stale leases are swept, queued jobs run
    for (let i = 0; i < 600 && (importRun.attempts === 0 || (importRun.seconds === null && importRun.attempts < 3)); i++) await sleep(1000);
    let stuck = Infinity;
    for (let i = 0; i < 120 && stuck > 0; i++) {
      stuck = (await db.one(row({ n: col.int }), sql`SELECT (SELECT COUNT(*) FROM "ImportBatch" WHERE "status" = 'running') + (SELECT COUNT(*) FROM "ExportRun" WHERE "status" = 'running') AS "n"`)).n;
      if (stuck > 0) await sleep(1000);
    }

    // the checks
    const stored = new Set(
      (await db.many(row({ accountId: col.int, artifactId: col.text }), sql`SELECT "accountId", "artifactId" FROM "VerdictEvent" WHERE "projectId" = ${projectId}`)).map(
        (v) => `${v.accountId}/${v.artifactId}`,
      ),
    );
    const verdictsLost = acknowledged.filter((v) => !stored.has(`${v.accountId}/${v.artifactId}`)).length;
    const doubleAssignments = (
      await db.one(
        row({ n: col.int }),
        sql`SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM "VerdictEvent" WHERE "projectId" = ${projectId} AND "source" = 'review' GROUP BY "artifactId", "accountId" HAVING COUNT(*) > 1) x)
                 + (SELECT COUNT(*) FROM (SELECT 1 FROM "VerdictEvent" WHERE "projectId" = ${projectId} GROUP BY "artifactId" HAVING COUNT(DISTINCT "accountId") > 2) y) AS "n"`,
      )
    ).n;
    const okKeys = uploads.filter((u) => u.ok).map((u) => u.key);
    const recorded = okKeys.length
      ? (
          await db.one(
            row({ n: col.int }),
            sql`SELECT COUNT(DISTINCT "idempotencyKey") AS "n" FROM "ImportBatch" WHERE "projectId" = ${apiProject} AND "status" = 'succeeded' AND "idempotencyKey" IN ${sql.list(okKeys)}`,
          )
        ).n
      : 0;
    const importUsers = (await db.one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM "SourceUser" u JOIN "Project" p ON p."id" = u."projectId" WHERE p."name" = 'soak-import'`)).n;
    const expectedUsers = Math.max(1, Math.round(opts.importLines / 15));
    const halfWritten =
      (importUsers !== 0 && importUsers !== expectedUsers ? 1 : 0) +
      (await db.one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM "ImportBatch" WHERE "status" NOT IN ('succeeded', 'failed')`)).n;

    // per minute
    const minutes: MinuteRow[] = [];
    for (let m = 0; m < opts.minutes; m++) {
      const inMinute = samples.filter((s) => s.at >= started + m * 60_000 && s.at < started + (m + 1) * 60_000);
      const ok = (k: Kind) => inMinute.filter((s) => s.kind === k && s.status === 200).map((s) => s.ms);
      const errors: Record<string, number> = {};
      for (const s of inMinute) if (s.status !== 200) errors[String(s.status)] = (errors[String(s.status)] ?? 0) + 1;
      minutes.push({
        minute: m + 1,
        requests: inMinute.length,
        claim: { p50: pct(ok("claim"), 50), p99: pct(ok("claim"), 99) },
        verdict: { p50: pct(ok("verdict"), 50), p99: pct(ok("verdict"), 99) },
        lead: { p50: pct(ok("lead"), 50), p99: pct(ok("lead"), 99) },
        errors,
      });
    }
    const errors: Record<string, number> = {};
    for (const s of samples) if (s.status !== 200) errors[`${s.kind} ${s.status}`] = (errors[`${s.kind} ${s.status}`] ?? 0) + 1;
    const okAll = (k: Kind) => samples.filter((s) => s.kind === k && s.status === 200).map((s) => s.ms);
    const chart = soakChart(
      `Soak: p99 per minute, ${opts.annotators} annotators, ${loaded.artifacts.toLocaleString("en")} artifacts, 2 instances`,
      minutes,
      faults.map((f) => ({ minute: (f.at - started) / 60_000, what: f.what })),
    );
    return {
      date: new Date().toISOString().slice(0, 10),
      machine: `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
      options: { minutes: opts.minutes, artifacts: opts.artifacts, annotators: opts.annotators, importLines: opts.importLines, thinkMs: [thinkMin, thinkMax], leadPauseMs: opts.leadPauseMs },
      loaded,
      faults: faults.map((f) => ({ minute: +((f.at - started) / 60_000).toFixed(2), what: f.what })),
      minutes,
      totals: { requests: samples.length, verdictsAcknowledged: acknowledged.length, errors, claim: stat(okAll("claim")), verdict: stat(okAll("verdict")), lead: stat(okAll("lead")) },
      checks: { verdictsLost, doubleAssignments, jobsStuck: stuck, jobsLost: okKeys.length - recorded, importsHalfWritten: halfWritten },
      import: { lines: importLines, ...importRun },
      chart,
    };
  } finally {
    await db?.close();
    stop(b?.child.pid);
    stop(a.child.pid);
    if (b) await exited(b.child);
    await exited(a.child);
    fs.rmSync(dirA, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    fs.rmSync(dirB, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
