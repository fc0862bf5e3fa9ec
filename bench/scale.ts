// npm run bench -- scale [--artifacts N] [--runs R] [--out FILE] [--stages S,S]
//   One project of N artifacts (default 10,000,000) with three annotators' verdicts, loaded by the
//   importer, then, stage by stage on the same database: its size on disk, each lead page's calls
//   and the items table's filters and sorts (R runs each, warm), 20 annotators' claim and verdict
//   quiet, the agreement snapshot, calibration, the triage preview and apply, a split version and
//   its export, `cli backup`, and `cli restore` into an empty database. Each stage's figures are
//   written to FILE as soon as it ends (default .bench/scale-N-DATE.json), so a run cut short keeps
//   what it measured. Run it at 1M and at 10M to see what grows with the size. --stages names the
//   stages to run after the import (disk, pages, items, reviewQuiet, agreementSnapshot,
//   calibrationAndTriage, export, backup, restore; default all).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { review, summary, WARMUP_SECONDS } from "./backup";
import { timeQueries } from "./items";
import { loadBenchProject, machine } from "./load-project";
import { leadPageCalls, timeCalls } from "./pages";
import { timed, TSX } from "./timed";

const ANNOTATORS = ["bench1@example.org", "bench2@example.org", "bench3@example.org"];

/** A bench script in a process of its own (so its peak RSS is its own); its standard output parsed as JSON. */
function worker<T>(script: string, args: string[], env: Record<string, string> = {}): T {
  const out = execFileSync(process.execPath, [...TSX.slice(1), script, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
  return JSON.parse(out) as T;
}

export async function benchScale(artifacts: number, runs: number, out?: string, stages?: string[]) {
  const date = new Date().toISOString().slice(0, 10);
  const file = out ?? path.join(".bench", `scale-${artifacts}-${date}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const report: Record<string, unknown> = { date, machine: machine(), requested: artifacts };
  const stage = async <T>(name: string, work: () => Promise<T> | T): Promise<T | undefined> => {
    if (stages && name !== "import" && !stages.includes(name)) return undefined;
    process.stderr.write(`${new Date().toISOString()} ${name}...\n`);
    const started = performance.now();
    const value = await work();
    report[name] = { ...(value as object), stageSeconds: +((performance.now() - started) / 1000).toFixed(1) };
    fs.writeFileSync(file, JSON.stringify(report, null, 2));
    process.stderr.write(`${name}: ${JSON.stringify(report[name]).slice(0, 400)}\n`);
    return value;
  };

  const p = await loadBenchProject({ name: "scale", artifacts, seed: "bench-scale", annotators: 20, verdictsBy: ANNOTATORS });
  const { openDb, closeDb } = await import("../lib/db/client");
  const { sql } = await import("../lib/db/sql");
  const { col, row } = await import("../lib/db/columns");
  const db = openDb(p.databaseUrl);
  try {
    report.artifacts = p.artifacts;
    report.verdicts = p.verdicts;
    await stage("import", () => ({ lines: p.imported.lines, seconds: +p.imported.seconds.toFixed(1), linesPerSecond: Math.round(p.imported.lines / p.imported.seconds) }));

    await stage("disk", async () => {
      const started = performance.now();
      await db.exec(sql`VACUUM ANALYZE`);
      const vacuumSeconds = (performance.now() - started) / 1000;
      await db.exec(sql`CHECKPOINT`);
      const Size = row({ name: col.text, bytes: col.int });
      const tables = await db.many(
        Size,
        sql`SELECT c."relname" AS "name", pg_total_relation_size(c."oid")::bigint AS "bytes" FROM pg_class c JOIN pg_namespace n ON n."oid" = c."relnamespace"
             WHERE n."nspname" = 'public' AND c."relkind" = 'r' ORDER BY 2 DESC LIMIT 8`,
      );
      const { bytes } = await db.one(Size, sql`SELECT 'database' AS "name", pg_database_size(current_database())::bigint AS "bytes"`);
      const gb = (b: number) => +(b / 1e9).toFixed(2);
      return {
        vacuumAnalyzeSeconds: +vacuumSeconds.toFixed(1),
        databaseGb: gb(bytes),
        gbPerMillionArtifacts: gb((bytes / p.artifacts) * 1e6),
        tablesGb: Object.fromEntries(tables.map((t) => [t.name, gb(t.bytes)])),
      };
    });

    await stage("pages", async () => ({ runs, pages: await timeCalls(await leadPageCalls(p.projectId, p.databaseUrl), runs) }));
    // the annotator filter on one who gave verdicts (they are the last accounts made)
    await stage("items", () => timeQueries(p.databaseUrl, p.projectId, p.annotatorIds.at(-1)!, runs));

    await stage("reviewQuiet", async () => {
      const r = await review(p.databaseUrl, p.projectId, p.annotatorIds, WARMUP_SECONDS + 40, 1000);
      return { annotators: p.annotatorIds.length, thinkMs: 1000, ...summary(r) };
    });

    await stage("agreementSnapshot", () => {
      const run = worker<{ seconds: number; peakRssMb: number; status: string; error: string | null }>("bench/agreement-worker.ts", [String(p.projectId)], { DATABASE_URL: p.databaseUrl });
      if (run.status !== "succeeded") throw new Error(`the snapshot failed: ${run.error}`);
      return { seconds: +run.seconds.toFixed(1), peakRssMb: Math.round(run.peakRssMb) };
    });

    await stage("calibrationAndTriage", () => {
      const run = worker<{ seconds: number[]; triageSeconds: number[]; applySeconds: number; bareSeconds: number; triage: unknown; peakRssMb: number }>(
        "bench/calibration-worker.ts",
        [p.databaseUrl, String(p.projectId)],
        { REPEATS: "1" },
      );
      const s = (x: number) => +x.toFixed(2);
      return {
        calibrationSeconds: run.seconds.map(s),
        triagePreviewSeconds: run.triageSeconds.map(s),
        triageApplySeconds: s(run.applySeconds),
        bareUpdateSeconds: s(run.bareSeconds),
        applyRatioToBare: +(run.bareSeconds / run.applySeconds).toFixed(2),
        triage: run.triage,
        peakRssMb: Math.round(run.peakRssMb),
      };
    });

    await stage("export", () => {
      type Phase = { seconds: number; peakRssMb: number; detail: unknown };
      const split = worker<Phase>("bench/export-worker.ts", ["split", p.databaseUrl, String(p.projectId)]);
      const exported = worker<Phase & { detail: { name: string; bytes: number }[] }>("bench/export-worker.ts", ["export", p.databaseUrl, String(p.projectId), path.join(p.dir, "out")]);
      fs.rmSync(path.join(p.dir, "out"), { recursive: true, force: true });
      return {
        split: { seconds: +split.seconds.toFixed(1), peakRssMb: Math.round(split.peakRssMb), counts: split.detail },
        export: { seconds: +exported.seconds.toFixed(1), peakRssMb: Math.round(exported.peakRssMb), mb: Math.round(exported.detail.reduce((n, f) => n + f.bytes, 0) / 1e6) },
      };
    });

    const backupFile = path.join(p.dir, "scale.backup.gz");
    await stage("backup", () => {
      const run = timed([...TSX, "scripts/cli.ts", "backup", backupFile], { DATABASE_URL: p.databaseUrl });
      return { seconds: +run.seconds.toFixed(1), mb: Math.round(fs.statSync(backupFile).size / 1e6), peakRssMb: Math.round(run.peakRssMb) };
    });

    await stage("restore", async () => {
      // the source goes first: at 10M the disk may not hold two copies of the database
      await db.close();
      await closeDb();
      const adminUrl = p.databaseUrl.replace(/\/[^/]+$/, "/postgres");
      const admin = openDb(adminUrl);
      const source = new URL(p.databaseUrl).pathname.slice(1);
      const target = `bench_restore_${Date.now()}`;
      await admin.exec(sql`DROP DATABASE ${sql.raw(source)} WITH (FORCE)`);
      await admin.exec(sql`CREATE DATABASE ${sql.raw(target)}`);
      await admin.close();
      const targetUrl = p.databaseUrl.replace(/\/[^/]+$/, `/${target}`);
      const run = timed([...TSX, "scripts/cli.ts", "restore", backupFile], { DATABASE_URL: targetUrl });
      const restored = openDb(targetUrl);
      const { n } = await restored.one(row({ n: col.int }), sql`SELECT COUNT(*)::bigint AS "n" FROM "Artifact"`);
      await restored.close();
      if (n !== p.artifacts) throw new Error(`the restore brought back ${n} artifacts of ${p.artifacts}`);
      return { seconds: +run.seconds.toFixed(1), peakRssMb: Math.round(run.peakRssMb), artifacts: n };
    });
  } finally {
    await db.close().catch(() => undefined);
    await p.done();
  }
  report.targets = { pageP99Ms: 100, exportSeconds: 300, snapshotSeconds: 100 };
  fs.writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
}
