// npm run bench -- backup [--artifacts N] [--annotators A] [--think-ms T]
//   `cli backup` and `cli restore` of a database of N artifacts (default 1M), timed, and what a
//   backup does to annotators reviewing meanwhile: A annotators (default 20) at T ms per artifact
//   (default 1,000), their claim and verdict p99 without a backup and during one (target: under
//   100 ms). The backup runs once alone (its own time) and once under the annotators. Each review
//   phase counts from its 10th second: a new process's first claims connect and plan its statements.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadBenchProject, machine, percentile } from "./load-project";
import { timed, TSX } from "./timed";

interface Review {
  claim: number[];
  submit: number[];
}

/** Seconds each review phase warms up first, not counted: a new process's first claims connect and plan. */
export const WARMUP_SECONDS = 10;

/** The annotators reviewing for `seconds`, in two processes (as two app instances would serve them). */
export function review(databaseUrl: string, projectId: number, ids: number[], seconds: number, thinkMs: number): Promise<Review> {
  const groups = [0, 1].map((g) => ids.filter((_, i) => i % 2 === g).join(","));
  return Promise.all(
    groups.map(
      (group) =>
        new Promise<Review>((resolve, reject) => {
          const child = spawn(process.execPath, [...TSX.slice(1), "bench/review-worker.ts", String(projectId), group, String(seconds)], {
            env: { ...process.env, DATABASE_URL: databaseUrl, THINK_MS: String(thinkMs), WARMUP_SECONDS: String(WARMUP_SECONDS) },
          });
          let out = "";
          let err = "";
          child.stdout.on("data", (d) => (out += d));
          child.stderr.on("data", (d) => (err += d));
          child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as Review) : reject(new Error(err))));
        }),
    ),
  ).then((runs) => ({ claim: runs.flatMap((r) => r.claim), submit: runs.flatMap((r) => r.submit) }));
}

export const summary = (r: Review) => ({
  claimMs: { p50: percentile(r.claim, 50), p99: percentile(r.claim, 99), n: r.claim.length },
  verdictMs: { p50: percentile(r.submit, 50), p99: percentile(r.submit, 99), n: r.submit.length },
});

export async function benchBackup(artifacts: number, annotators: number, thinkMs: number) {
  const p = await loadBenchProject({ name: "backup", artifacts, seed: "bench-backup", annotators, settings: { overlap: 2, goldRate: 0 } });
  try {
    const file = path.join(p.dir, "bench.backup.gz");
    process.stderr.write("cli backup, alone...\n");
    const alone = timed([...TSX, "scripts/cli.ts", "backup", file], { DATABASE_URL: p.databaseUrl });
    const bytes = fs.statSync(file).size;
    process.stderr.write(`${annotators} annotators without a backup...\n`);
    const seconds = WARMUP_SECONDS + Math.max(30, Math.ceil(alone.seconds) + 5);
    const quiet = await review(p.databaseUrl, p.projectId, p.annotatorIds, seconds, thinkMs);
    process.stderr.write(`${annotators} annotators during a backup...\n`);
    const during = review(p.databaseUrl, p.projectId, p.annotatorIds, seconds, thinkMs);
    await new Promise((r) => setTimeout(r, (WARMUP_SECONDS + 2) * 1000)); // the annotators under way and counted first
    const second = path.join(p.dir, "during.backup.gz");
    const busy = await new Promise<{ seconds: number }>((resolve, reject) => {
      const t = performance.now();
      const child = spawn(TSX[0], [...TSX.slice(1), "scripts/cli.ts", "backup", second], { env: { ...process.env, DATABASE_URL: p.databaseUrl }, stdio: "ignore" });
      child.on("exit", (code) => (code === 0 ? resolve({ seconds: (performance.now() - t) / 1000 }) : reject(new Error(`cli backup exited with ${code}`))));
    });
    const underBackup = await during;
    process.stderr.write("cli restore into an empty database...\n");
    const { openDb } = await import("../lib/db/client");
    const { sql } = await import("../lib/db/sql");
    const admin = openDb(p.databaseUrl.replace(/\/[^/]+$/, "/postgres"));
    const target = `bench_restore_${Date.now()}`;
    await admin.exec(sql`CREATE DATABASE ${sql.raw(target)}`);
    await admin.close();
    const restored = timed([...TSX, "scripts/cli.ts", "restore", file], { DATABASE_URL: p.databaseUrl.replace(/\/[^/]+$/, `/${target}`) });
    console.log(
      JSON.stringify(
        {
          date: new Date().toISOString().slice(0, 10),
          machine: machine(),
          artifacts: p.artifacts,
          backup: { seconds: +alone.seconds.toFixed(1), mb: +(bytes / 1e6).toFixed(1), peakRssMb: Math.round(alone.peakRssMb), secondsUnderReview: +busy.seconds.toFixed(1) },
          restore: { seconds: +restored.seconds.toFixed(1), peakRssMb: Math.round(restored.peakRssMb) },
          annotators,
          thinkMs,
          withoutBackup: summary(quiet),
          duringBackup: summary(underBackup),
          targets: { p99DuringBackupMs: 100 },
        },
        null,
        2,
      ),
    );
  } finally {
    await p.done();
  }
}
