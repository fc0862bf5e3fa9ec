// npm run bench -- review (bench/main.ts): the stress bench, simulated annotators through the review
// screen's server functions, beside its bare reference in SQL alone (bare-review-worker.ts).
import { spawn } from "node:child_process";
import path from "node:path";
import { writeDemoBatch } from "../lib/cli/commands/demo";
import { loadBenchProject, machine, percentile } from "./load-project";
import { count } from "./counts";
import { accountWhile, type CpuAccount } from "./cpu-accounting";

/** The first seconds of each side are not counted, in time, verdicts or CPU: a new process compiles, connects and plans its statements. */
const WARMUP_SECONDS = 5;

/** CPU milliseconds per verdict: the Node processes' (the review workers) and PostgreSQL's (its backends and background processes). */
function cpuPerVerdict(cpu: ReturnType<CpuAccount["report"]>, verdicts: number, node: string) {
  const ms = (group: string) => +(((cpu[group]?.cpuS ?? 0) * 1000) / verdicts).toFixed(2);
  return { node: ms(node), postgres: ms("postgres: other"), groups: cpu };
}

interface ReviewRun {
  claim: number[];
  submit: number[];
  refused: number;
  seconds: number;
  lead: Record<string, number[]>;
  loopDelayMs: { p50: number; p99: number; max: number };
}

/**
 * With `busy` (npm run bench -- review --busy): a pipeline batch of about a million lines imports
 * through `cli import` into a second project of the same database while the annotators work (the
 * demo generator's keys would repeat the first project's), and a lead in the first process
 * calibrates (a worker computes it, as beside npm start), reloads the dashboards' data and searches
 * the items of the annotators' project.
 */
export async function benchReview(artifacts: number, seconds: number, annotators = 20, processes = 4, busy = false) {
  const p = await loadBenchProject({ name: "review", artifacts, seed: "bench-review", annotators, settings: { overlap: 2, goldRate: 0 } });
  const { databaseUrl, projectId, annotatorIds: ids, artifacts: loaded } = p;
  let importer: Promise<{ seconds: number; ok: boolean; out: string }> | null = null;
  let importLines = 0;
  let worker: ReturnType<typeof spawn> | null = null;
  if (busy) {
    const file = path.join(p.dir, "more.jsonl");
    process.stderr.write("generating a batch of about a million lines to import meanwhile...\n");
    importLines = await writeDemoBatch({ out: file, users: 66_667, seed: "bench-review-busy" });
    const started = performance.now();
    importer = new Promise((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/cli.ts", "import", file, "--project", "bench-arriving", "--json"], {
        env: { ...process.env, DATABASE_URL: databaseUrl },
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      child.on("exit", (code) => resolve({ seconds: (performance.now() - started) / 1000, ok: code === 0, out }));
    });
    // the job queue's worker, as npm start runs it beside the server: the lead's calibrations run there
    worker = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], { env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: p.dir } });
    await new Promise<void>((resolve, reject) => {
      let log = "";
      worker!.stdout!.on("data", (d) => ((log += d), /takes jobs from/.test(log) && resolve()));
      worker!.on("exit", (code) => reject(new Error(`the worker exited with ${code}: ${log}`)));
    });
    await new Promise((r) => setTimeout(r, 5000)); // the import under way (past its start-up) before the annotators begin
  }
  process.stderr.write(`${annotators} annotators in ${processes} processes for ${seconds} s${busy ? ", an import and a lead meanwhile" : ""}...\n`);
  const groups = Array.from({ length: processes }, (_, g) => ids.filter((_, i) => i % processes === g).join(","));
  // the reference for the event-loop delay: an idle Node process beside them, measuring its own
  const probe = new Promise<{ p50: number; p99: number; max: number }>((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/loop-probe.ts", String(seconds)]);
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`the loop probe exited with ${code}`))));
  });
  const started = performance.now();
  const { result: runs, cpu } = await countedWorkers<ReviewRun>(databaseUrl, groups, (group, g) => ({
    args: ["--import", "tsx", "--conditions=react-server", "bench/review-worker.ts", String(projectId), group, String(seconds)],
    env: { LEAD: busy && g === 0 ? "1" : "0" },
  }));
  const elapsed = (performance.now() - started) / 1000;
  const working = Math.max(...runs.map((r) => r.seconds)) - WARMUP_SECONDS; // the annotators' own counted time, without the processes' start
  const claim = runs.flatMap((r) => r.claim);
  const submit = runs.flatMap((r) => r.submit);
  const refused = runs.reduce((n, r) => n + r.refused, 0);
  const idleProbe = await probe;
  const imported = importer ? await importer : null;
  worker?.removeAllListeners("exit");
  worker?.kill("SIGTERM");
  if (imported && !imported.ok) throw new Error(`the import beside the review failed: ${imported.out.slice(-2000)}`);
  const lead = Object.fromEntries(Object.entries(runs[0].lead).map(([k, ms]) => [k, ms.length ? { p50: percentile(ms, 50), p99: percentile(ms, 99), n: ms.length } : null]));
  // the bare reference, in the same run: the same annotators doing the least a review step needs in SQL alone
  const bare = busy ? null : await bareReview(databaseUrl, projectId, groups, seconds);
  const { openDb } = await import("../lib/db/client");
  const { sql } = await import("../lib/db/sql");
  const check = openDb(databaseUrl);
  const overfull = await count(
    check,
    sql`SELECT COUNT(*) FROM (SELECT "artifactId" FROM "VerdictEvent" WHERE "projectId" = ${projectId} AND "decision" <> 'retract' GROUP BY "artifactId" HAVING COUNT(*) > 2) x`,
  );
  const twice = await count(
    check,
    sql`SELECT COUNT(*) FROM (SELECT "artifactId", "accountId" FROM "VerdictEvent" WHERE "projectId" = ${projectId} AND "decision" <> 'retract' GROUP BY "artifactId", "accountId" HAVING COUNT(*) > 1) x`,
  );
  await check.close();
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString().slice(0, 10),
        machine: machine(),
        artifacts: loaded,
        annotators,
        processes,
        seconds: +working.toFixed(1),
        secondsWithProcessStart: +elapsed.toFixed(1),
        claimMs: { p50: percentile(claim, 50), p99: percentile(claim, 99), n: claim.length },
        submitMs: { p50: percentile(submit, 50), p99: percentile(submit, 99), n: submit.length },
        verdictsPerSecond: Math.round((submit.length - refused) / working),
        refused,
        cpuMsPerVerdict: cpuPerVerdict(cpu, submit.length - refused, "review workers"),
        doubleAssignments: overfull + twice,
        eventLoopDelayMs: runs.map((r) => ({ p50: +r.loopDelayMs.p50.toFixed(1), p99: +r.loopDelayMs.p99.toFixed(1), max: +r.loopDelayMs.max.toFixed(1) })),
        eventLoopDelayIdleProbeMs: { p50: +idleProbe.p50.toFixed(1), p99: +idleProbe.p99.toFixed(1), max: +idleProbe.max.toFixed(1) },
        ...(bare
          ? {
              bare: { ...bare, cpu: undefined, verdictsPerSecond: Math.round(bare.steps / bare.seconds), cpuMsPerVerdict: cpuPerVerdict(bare.cpu, bare.steps, "bare review workers") },
              againstBare: { verdictsPerSecond: +((submit.length - refused) / working / (bare.steps / bare.seconds)).toFixed(2), submitP99: +(percentile(submit, 99)! / bare.stepMs.p99!).toFixed(2) },
            }
          : {}),
        ...(busy ? { importBeside: { lines: importLines, seconds: +imported!.seconds.toFixed(1), linesPerSecond: Math.round(importLines / imported!.seconds) }, lead } : {}),
        targets: busy
          ? { p99Ms: 100, eventLoopDelayP99Ms: 20, doubleAssignments: 0 }
          : { p99Ms: 50, verdictsPerSecond: 500, doubleAssignments: 0, againstBare: { verdictsPerSecond: 0.5, submitP99: 2 } },
      },
      null,
      2,
    ),
  );
  await p.done();
}

/** bench/bare-review-worker.ts in one process per group of annotators, for `seconds`. */
async function bareReview(databaseUrl: string, projectId: number, groups: string[], seconds: number) {
  process.stderr.write(`the bare reference: the same annotators in SQL alone for ${seconds} s...\n`);
  const { result: runs, cpu } = await countedWorkers<{ step: number[]; seconds: number }>(databaseUrl, groups, (group) => ({
    args: ["--import", "tsx", "bench/bare-review-worker.ts", String(projectId), group, String(seconds), "2"],
    env: {},
  }));
  const step = runs.flatMap((r) => r.step);
  const counted = Math.max(...runs.map((r) => r.seconds)) - WARMUP_SECONDS;
  return { steps: step.length, seconds: +counted.toFixed(1), stepMs: { p50: percentile(step, 50), p99: percentile(step, 99), n: step.length }, cpu };
}

/**
 * A worker process per group of annotators, each printing its result as JSON, and the CPU they and
 * the database used from when all of them count (each says "counting" on stderr once its warm-up
 * is over).
 */
function countedWorkers<T>(databaseUrl: string, groups: string[], worker: (group: string, g: number) => { args: string[]; env: Record<string, string> }) {
  const counting: Promise<void>[] = [];
  const runs = groups.map((group, g) => {
    const { args, env } = worker(group, g);
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env, DATABASE_URL: databaseUrl, WARMUP_SECONDS: String(WARMUP_SECONDS) } });
    let out = "";
    let err = "";
    let counts = () => {};
    counting.push(new Promise<void>((resolve) => (counts = resolve)));
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => {
      err += d;
      if (err.includes("counting\n")) counts();
    });
    return new Promise<T>((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as T) : reject(new Error(err)))));
  });
  return accountWhile(Promise.all(runs), Promise.all(counting), Number(new URL(databaseUrl).port));
}
