// npm run bench -- import [--users N] [--verdicts]
//   Generates a demo batch of about N lines, imports it into a fresh database with the real importer
//   and with a bare COPY into one (key, type, jsonb) table, each in its own process, and prints rate and peak RSS.
// npm run bench -- review [--artifacts N] [--seconds S] [--processes P] [--busy]
//   Loads N artifacts with the importer, then runs 20 simulated annotators spread over P processes
//   (default: one per core, like app instances) doing claim + verdict through the review screen's
//   server functions with no think time; prints latencies, throughput, double assignments and each
//   process's event-loop delay beside an idle process's (the machine's own share of it). --busy: a
//   million-line import and a lead's heavy pages meanwhile.
// npm run bench -- export [--artifacts N]: split creation and export of N accepted artifacts.
// npm run bench -- items [--artifacts N] [--runs R]: the items table's queries (see bench/items.ts).
// npm run bench -- calibration [--artifacts N] [--labels L]: calibrating the judge (bench/calibration.ts).
// npm run bench -- agreement [--verdicts N] [--resamples R]: agreement statistics (bench/agreement.ts).
// npm run bench -- api [--records N]: the pipeline API's upload against the CLI's import, and tailing verdicts (bench/api.ts).
// npm run bench -- agreement-dashboard [--verdicts N]: the agreement snapshot and the dashboard's data (bench/agreement-dashboard.ts).
// npm run bench -- humanllm [--users N] [--post-stages P] [--corpus DIR]: cli import-humanllm of a corpus in the official layout beside cli import of the same records (bench/humanllm.ts).
// npm run bench -- backup [--artifacts N] [--annotators A] [--think-ms T]: cli backup and restore timed, and annotators' p99 during a backup (bench/backup.ts).
// npm run bench -- soak [--minutes M] [--artifacts N] [--annotators A] [--import-lines L] [--chart FILE]: an hour of a team's work with faults (bench/soak.ts).
// npm run bench -- webhooks [--artifacts N]: what webhooks cost triage-sized updates and every audited action (bench/webhooks.ts).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeDemoBatch } from "../lib/cli/commands/demo";
import { benchAgreement } from "./agreement";
import { benchAgreementDashboard } from "./agreement-dashboard";
import { benchApi } from "./api";
import { benchCalibration } from "./calibration";
import { benchItems } from "./items";
import { benchWebhooks } from "./webhooks";
import { loadBenchProject, machine, percentile } from "./load-project";
import { count } from "./counts";
import { benchServer } from "./postgres";
import { timed, TSX } from "./timed";

/**
 * `cli import` of a demo batch, end to end (process start to exit, on a fresh database), beside a
 * bare COPY of the same lines into one (key, type, jsonb) table. Without --verdicts the batch is the
 * pipeline's (users, posts, artifacts); with it, three annotators' verdicts come along.
 */
async function benchImport(users: number, withVerdicts: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  const server = await benchServer();
  try {
    const file = path.join(dir, "batch.jsonl");
    const annotators = withVerdicts ? ["bench1@example.org", "bench2@example.org", "bench3@example.org"] : undefined;
    process.stderr.write(`generating ${users} demo users${withVerdicts ? " with verdicts" : ""}...\n`);
    const lines = await writeDemoBatch({ out: file, users, seed: "bench", annotators });
    const size = fs.statSync(file).size;
    process.stderr.write(`${lines} lines, ${(size / 1e6).toFixed(0)} MB\n`);

    const importUrl = await server.database("import");
    if (annotators) {
      const { openDb } = await import("../lib/db/client");
      const { sql } = await import("../lib/db/sql");
      const db = openDb(importUrl);
      for (const email of annotators) await db.exec(sql`INSERT INTO "Account" ("email", "role", "passwordHash") VALUES (${email}, 'annotator', 'x')`);
      await db.close();
    }
    process.stderr.write("cli import...\n");
    const importer = timed([...TSX, "scripts/cli.ts", "import", file, "--project", "bench", "--json", ...(annotators ? ["--assign", annotators.join(",")] : [])], { DATABASE_URL: importUrl });
    const summary = JSON.parse(importer.out) as Record<string, number>; // it exits non-zero when the import fails
    process.stderr.write("bare COPY...\n");
    const bare = timed([...TSX, "bench/import-worker.ts", file, await server.database("copy", { bare: true })]);
    const rate = (seconds: number) => Math.round(lines / seconds);
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString().slice(0, 10),
          machine: machine(),
          lines,
          fileMb: Math.round(size / 1e6),
          summary,
          cliImport: { seconds: +importer.seconds.toFixed(1), linesPerSecond: rate(importer.seconds), peakRssMb: Math.round(importer.peakRssMb) },
          bareCopy: { seconds: +bare.seconds.toFixed(1), linesPerSecond: rate(bare.seconds), peakRssMb: Math.round(bare.peakRssMb) },
          ratioToBareCopy: +(bare.seconds / importer.seconds).toFixed(2),
          targets: { linesPerSecond: 50_000, ratioToBareCopy: 0.5, peakRssMb: 300 },
        },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
async function benchReview(artifacts: number, seconds: number, annotators = 20, processes = 4, busy = false) {
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
  const runs = await Promise.all(
    groups.map(
      (group, g) =>
        new Promise<ReviewRun>((resolve, reject) => {
          const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "bench/review-worker.ts", String(projectId), group, String(seconds)], {
            env: { ...process.env, DATABASE_URL: databaseUrl, LEAD: busy && g === 0 ? "1" : "0" },
          });
          let out = "";
          let err = "";
          child.stdout.on("data", (d) => (out += d));
          child.stderr.on("data", (d) => (err += d));
          child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(err))));
        }),
    ),
  );
  const elapsed = (performance.now() - started) / 1000;
  const working = Math.max(...runs.map((r) => r.seconds)); // the annotators' own time, without the processes' start
  const claim = runs.flatMap((r) => r.claim);
  const submit = runs.flatMap((r) => r.submit);
  const refused = runs.reduce((n, r) => n + r.refused, 0);
  const idleProbe = await probe;
  const imported = importer ? await importer : null;
  worker?.removeAllListeners("exit");
  worker?.kill("SIGTERM");
  if (imported && !imported.ok) throw new Error(`the import beside the review failed: ${imported.out.slice(-2000)}`);
  const lead = Object.fromEntries(Object.entries(runs[0].lead).map(([k, ms]) => [k, ms.length ? { p50: percentile(ms, 50), p99: percentile(ms, 99), n: ms.length } : null]));
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
        doubleAssignments: overfull + twice,
        eventLoopDelayMs: runs.map((r) => ({ p50: +r.loopDelayMs.p50.toFixed(1), p99: +r.loopDelayMs.p99.toFixed(1), max: +r.loopDelayMs.max.toFixed(1) })),
        eventLoopDelayIdleProbeMs: { p50: +idleProbe.p50.toFixed(1), p99: +idleProbe.p99.toFixed(1), max: +idleProbe.max.toFixed(1) },
        ...(busy ? { importBeside: { lines: importLines, seconds: +imported!.seconds.toFixed(1), linesPerSecond: Math.round(importLines / imported!.seconds) }, lead } : {}),
        targets: busy ? { p99Ms: 100, eventLoopDelayP99Ms: 20, doubleAssignments: 0 } : { p99Ms: 50, verdictsPerSecond: 500, doubleAssignments: 0 },
      },
      null,
      2,
    ),
  );
  await p.done();
}

async function benchExport(artifacts: number) {
  const p = await loadBenchProject({ name: "export", artifacts, seed: "bench-export" });
  const { dir, databaseUrl, projectId, artifacts: loaded } = p;
  const { openDb } = await import("../lib/db/client");
  const { sql } = await import("../lib/db/sql");
  const db = openDb(databaseUrl);
  // the benchmark's premise: everything was reviewed and accepted
  await db.exec(
    sql`UPDATE "Artifact" SET "status" = 'accepted', "verdictCount" = 2, "finalDecision" = 'accept', "decidedBy" = 'annotators', "finalizedAt" = ${new Date()} WHERE "projectId" = ${projectId}`,
  );
  await db.close();
  const phase = (mode: string) => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "bench/export-worker.ts", mode, databaseUrl, String(projectId), path.join(dir, "out")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    return JSON.parse(out) as { seconds: number; peakRssMb: number; heapMb: number; detail: { name: string; bytes: number }[] };
  };
  const split = phase("split");
  const exported = phase("export");
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString().slice(0, 10),
        machine: machine(),
        artifacts: loaded,
        createSplitVersion: { seconds: +split.seconds.toFixed(1), peakRssMb: Math.round(split.peakRssMb) },
        export: {
          seconds: +exported.seconds.toFixed(1),
          peakRssMb: Math.round(exported.peakRssMb),
          heapInUseAtEndMb: exported.heapMb,
          files: exported.detail.map((f) => `${f.name} ${(f.bytes / 1e6).toFixed(1)} MB`),
        },
        targets: { exportSeconds: 30, peakRssMb: 300 },
      },
      null,
      2,
    ),
  );
  await p.done();
}

const [what, ...rest] = process.argv.slice(2);
const flag = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
if (what === "import") await benchImport(Number(flag("users") ?? 20_000), rest.includes("--verdicts"));
else if (what === "review") await benchReview(Number(flag("artifacts") ?? 1_000_000), Number(flag("seconds") ?? 30), 20, Number(flag("processes") ?? os.cpus().length), rest.includes("--busy"));
else if (what === "export") await benchExport(Number(flag("artifacts") ?? 1_000_000));
else if (what === "calibration") await benchCalibration(Number(flag("artifacts") ?? 1_000_000), Number(flag("labels") ?? 200_000));
else if (what === "api") await benchApi(Number(flag("records") ?? 1_000_000));
else if (what === "agreement-dashboard") await benchAgreementDashboard(Number(flag("verdicts") ?? 1_000_000));
else if (what === "agreement") benchAgreement(Number(flag("verdicts") ?? 1_000_000), Number(flag("resamples") ?? 1000));
else if (what === "webhooks") await benchWebhooks(Number(flag("artifacts") ?? 200_000));
else if (what === "server") await (await import("./server")).benchServer(Number(flag("requests") ?? 1000));
else if (what === "items") await benchItems(Number(flag("artifacts") ?? 1_000_000), Number(flag("runs") ?? 5));
else if (what === "pages") await (await import("./pages")).benchPages(Number(flag("artifacts") ?? 1_000_000), Number(flag("runs") ?? 20));
else if (what === "backup") await (await import("./backup")).benchBackup(Number(flag("artifacts") ?? 1_000_000), Number(flag("annotators") ?? 20), Number(flag("think-ms") ?? 1000));
else if (what === "soak") {
  const { runSoak } = await import("./soak");
  const report = await runSoak({
    minutes: Number(flag("minutes") ?? 60),
    artifacts: Number(flag("artifacts") ?? 1_000_000),
    annotators: Number(flag("annotators") ?? 50),
    importLines: Number(flag("import-lines") ?? 1_000_000),
  });
  const chart = flag("chart") ?? path.join(".bench", `soak-p99-${report.date}.svg`);
  fs.mkdirSync(path.dirname(chart), { recursive: true });
  fs.writeFileSync(chart, report.chart);
  console.log(JSON.stringify({ ...report, chart }, null, 2));
} else if (what === "busy") {
  const { runBusy } = await import("./busy");
  const report = await runBusy({
    artifacts: Number(flag("artifacts") ?? 1_000_000),
    annotators: Number(flag("annotators") ?? 50),
    minutes: Number(flag("minutes") ?? 3),
    importLines: Number(flag("import-lines") ?? 1_000_000),
    serverUrl: flag("server"),
    thinkMs: flag("think-ms") ? (flag("think-ms")!.split(",").map(Number) as [number, number]) : undefined,
  });
  console.log(JSON.stringify(report, null, 2));
} else if (what === "humanllm") await (await import("./humanllm")).benchHumanLlm(Number(flag("users") ?? 100_000), Number(flag("post-stages") ?? 0.25), flag("corpus"));
else {
  console.error(
    "usage: npm run bench -- agreement [--verdicts N] [--resamples R]\n       npm run bench -- api [--records N]\n       npm run bench -- agreement-dashboard [--verdicts N]\n       npm run bench -- calibration [--artifacts N] [--labels L]\n       npm run bench -- items [--artifacts N] [--runs R]\n       npm run bench -- pages [--artifacts N] [--runs R]\n       npm run bench -- webhooks [--artifacts N]\n       npm run bench -- export [--artifacts N]\n       npm run bench -- import [--users N] [--verdicts]\n       npm run bench -- humanllm [--users N] [--post-stages P] [--corpus DIR]\n       npm run bench -- review [--artifacts N] [--seconds S] [--processes P] [--busy]\n       npm run bench -- server [--requests N]\n       npm run bench -- backup [--artifacts N] [--annotators A] [--think-ms T]\n       npm run bench -- busy [--artifacts N] [--annotators A] [--minutes M] [--import-lines L] [--server ADMIN_URL] [--think-ms MIN,MAX]\n       npm run bench -- soak [--minutes M] [--artifacts N] [--annotators A] [--import-lines L] [--chart FILE]",
  );
  process.exitCode = 1;
}
