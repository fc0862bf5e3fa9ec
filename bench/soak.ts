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
import path from "node:path";
import { writeDemoBatch } from "../lib/cli/commands/demo";
import { col, row } from "../lib/db/columns";
import { sql } from "../lib/db/sql";
import { exited, stop, waitUntilUp } from "../test/helpers/instances";
import { soakChart } from "./soak-chart";
import { annotate, lead, LEAD, machine, pct, sleep, startTeam, stat, timed, TSX, type Kind, type Sample, type Stat } from "./team";

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
export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const [thinkMin, thinkMax] = opts.thinkMs ?? [3000, 9000];
  const team = await startTeam({ artifacts: opts.artifacts, annotators: opts.annotators, log });
  const { urls, db, databaseUrl, projectId, ids, dirA, a, loaded } = team;
  try {
    const now = new Date();
    const Id = row({ id: col.int });
    const importFile = path.join(dirA, "soak-import.jsonl");
    const importLines = await writeDemoBatch({ out: importFile, users: Math.max(1, Math.round(opts.importLines / 15)), seed: "soak-import" });
    await writeDemoBatch({ out: path.join(dirA, "api.jsonl"), users: 20, seed: "soak-api" });
    const apiBatch = fs.readFileSync(path.join(dirA, "api.jsonl"));
    const { createApiToken } = await import("../lib/server/auth/api-tokens");
    const { secret: token } = await db.tx((t) => createApiToken({ accountId: ids.get(LEAD)!, name: "soak", scope: "write" }, { actorLabel: "soak" }, t));
    const { id: apiProject } = await db.one(Id, sql`INSERT INTO "Project" ("name", "createdAt", "updatedAt") VALUES ('soak-api', ${now}, ${now}) RETURNING "id"`);
    await db.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${apiProject}, ${ids.get(LEAD)!}, ${now})`);

    log(`soak: ${loaded.artifacts} artifacts loaded in ${loaded.seconds} s; ${opts.annotators} annotators for ${opts.minutes} min`);

    const samples: Sample[] = [];
    const faults: { at: number; what: string }[] = [];
    const acknowledged: { accountId: number; artifactId: string }[] = [];
    const uploads: { key: string; ok: boolean }[] = [];
    const started = Date.now();
    const deadline = started + opts.minutes * 60_000;
    const running = () => Date.now() < deadline;
    const { down, pick } = team;

    const think = () => thinkMin + Math.random() * (thinkMax - thinkMin);
    const annotator = (i: number) => annotate(team, i, { think, running, samples, acknowledged });
    const pages = [`/projects/${projectId}/dashboard`, `/projects/${projectId}/items?q=coffee`, `/projects/${projectId}/calibration`];
    const leading = () => lead(team, { pages, pauseMs: opts.leadPauseMs ?? 10_000, running, samples });

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
            const inst = k % 2 ? a : team.b!;
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
          stop(team.b!.child.pid, "SIGKILL");
          await exited(team.b!.child);
          fault("instance B killed");
          const b = team.startB();
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

    await Promise.all([...Array.from({ length: opts.annotators }, (_, i) => annotator(i)), leading(), pipeline(), faultsDone]);
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
      machine: machine(),
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
    await team.stop();
  }
}
