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
// npm run bench -- scale [--artifacts N] [--runs R] [--out FILE] [--stages S,S]: every page, job, backup and restore at N artifacts (bench/scale.ts).
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
import { benchReview } from "./review";
import { benchWebhooks } from "./webhooks";
import { loadBenchProject, machine, percentile } from "./load-project";
import { count } from "./counts";
import { benchServer } from "./postgres";
import { timed, TSX } from "./timed";

/**
 * `cli import` of a demo batch, end to end (process start to exit, on a fresh database), beside two
 * bare references (bench/import-worker.ts): a COPY of the same lines into one (key, type, jsonb)
 * table, and the same followed by INSERT ... SELECT into tables with the workbench's columns and
 * indexes (the import's end state with nothing checked). Without --verdicts the batch is the
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
    const bare = timed([...TSX, "bench/import-worker.ts", "jsonb", file, await server.database("copy", { bare: true })]);
    process.stderr.write("bare COPY into indexed tables...\n");
    const indexed = timed([...TSX, "bench/import-worker.ts", "indexed", file, await server.database("indexed")]);
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
          bareIndexed: { seconds: +indexed.seconds.toFixed(1), linesPerSecond: rate(indexed.seconds), peakRssMb: Math.round(indexed.peakRssMb) },
          ratioToBareIndexed: +(indexed.seconds / importer.seconds).toFixed(2),
          targets: { linesPerSecond: 14_452, ratioToBareIndexed: 0.5, peakRssMb: 300 },
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

async function benchExport(artifacts: number) {
  const p = await loadBenchProject({ name: "export", artifacts, seed: "bench-export" });
  const { dir, databaseUrl, projectId, artifacts: loaded } = p;
  const { openDb } = await import("../lib/db/client");
  const { sql } = await import("../lib/db/sql");
  const db = openDb(databaseUrl);
  // the benchmark's premise: everything was reviewed and accepted
  await db.exec(
    sql`UPDATE "ArtifactState" SET "status" = 'accepted', "verdictCount" = 2, "finalDecision" = 'accept', "decidedBy" = 'annotators', "finalizedAt" = ${new Date()} WHERE "projectId" = ${projectId}`,
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
    phases: flag("phases")?.split(","),
  });
  console.log(JSON.stringify(report, null, 2));
} else if (what === "scale") await (await import("./scale")).benchScale(Number(flag("artifacts") ?? 10_000_000), Number(flag("runs") ?? 20), flag("out"), flag("stages")?.split(","));
else if (what === "humanllm") await (await import("./humanllm")).benchHumanLlm(Number(flag("users") ?? 100_000), Number(flag("post-stages") ?? 0.25), flag("corpus"));
else {
  console.error(
    "usage: npm run bench -- agreement [--verdicts N] [--resamples R]\n       npm run bench -- api [--records N]\n       npm run bench -- agreement-dashboard [--verdicts N]\n       npm run bench -- calibration [--artifacts N] [--labels L]\n       npm run bench -- items [--artifacts N] [--runs R]\n       npm run bench -- pages [--artifacts N] [--runs R]\n       npm run bench -- webhooks [--artifacts N]\n       npm run bench -- export [--artifacts N]\n       npm run bench -- import [--users N] [--verdicts]\n       npm run bench -- humanllm [--users N] [--post-stages P] [--corpus DIR]\n       npm run bench -- review [--artifacts N] [--seconds S] [--processes P] [--busy]\n       npm run bench -- server [--requests N]\n       npm run bench -- backup [--artifacts N] [--annotators A] [--think-ms T]\n       npm run bench -- busy [--artifacts N] [--annotators A] [--minutes M] [--import-lines L] [--server ADMIN_URL] [--think-ms MIN,MAX] [--phases P,P]\n       npm run bench -- scale [--artifacts N] [--runs R] [--out FILE] [--stages S,S]\n       npm run bench -- soak [--minutes M] [--artifacts N] [--annotators A] [--import-lines L] [--chart FILE]",
  );
  process.exitCode = 1;
}
