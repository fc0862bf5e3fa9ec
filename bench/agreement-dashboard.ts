// npm run bench -- agreement-dashboard [--verdicts N]
//   A project of N/2.25 artifacts (loaded by the importer) and N verdicts of 20 annotators, two or
//   three on each artifact over eight weeks, written straight into VerdictEvent. Times the agreement
//   snapshot the dashboard reads (the background runner's work: every statistic with 1,000-resample
//   intervals, overall and per kind, flavor, platform and week, pairs, annotator quality), then the
//   dashboard page's server-side data work on it (the snapshot, and what changed since: after 1,000
//   more verdicts), and the page itself over HTTP from `next start`, signed in as an admin.
import { execFileSync } from "node:child_process";
import { Rng } from "../lib/domain/rng";
import { loadBenchProject, machine, percentile } from "./load-project";
import { timePage } from "./next-server";

const DECISIONS = ["accept", "edit", "reject"] as const;

export async function benchAgreementDashboard(verdicts: number) {
  const p = await loadBenchProject({ name: "agreement", artifacts: Math.ceil(verdicts / 2.25), seed: "bench-agreement-dashboard", annotators: 20 });
  const { databaseUrl, projectId, annotatorIds } = p;
  const { openDb } = await import("../lib/db/client");
  const { col, row } = await import("../lib/db/columns");
  const { copyRow } = await import("../lib/db/copy-text");
  const { sql } = await import("../lib/db/sql");
  const { agreementFreshness, agreementSnapshots } = await import("../lib/server/agreement/agreement-snapshots");
  const db = openDb(databaseUrl);
  const ids = (await db.many(row({ id: col.text }), sql`SELECT "id" FROM "Artifact" WHERE "projectId" = ${projectId} ORDER BY "id"`)).map((r) => r.id);
  const rng = new Rng("bench-agreement-dashboard");
  const start = Date.parse("2026-10-01T09:00:00Z");
  let written = 0;
  // straight into the table with COPY, as a bare loader would
  const write = (limit: number, from: number) =>
    db.tx((t) =>
      t.copyIn(
        "VerdictEvent",
        ["projectId", "artifactId", "accountId", "decision", "reasonsJson", "durationMs", "source", "createdAt"],
        (async function* () {
          for (let i = from; written < limit; i++) {
            const artifact = ids[i % ids.length];
            const truth = rng.next() < 0.6 ? 0 : rng.next() < 0.5 ? 1 : 2;
            const first = rng.int(0, 19);
            for (let k = 0; k < (i % 4 === 0 ? 3 : 2) && written < limit; k++, written++) {
              const who = (first + k * 7) % 20;
              const decision = DECISIONS[rng.next() < 0.05 + who * 0.01 ? rng.int(0, 2) : truth];
              const at = new Date(start + Math.floor((i / ids.length) * 56 * 86_400_000) + written * 7);
              yield copyRow([projectId, artifact, annotatorIds[who], decision, decision === "reject" ? `["generic"]` : "[]", 4000 + rng.int(0, 60_000), "review", at.toISOString()]);
            }
          }
        })(),
      ),
    );
  process.stderr.write(`writing ${verdicts} verdicts...\n`);
  await write(verdicts, 0);

  // the snapshot, in a process of its own as a worker computes it
  const snapshotRun = () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "bench/agreement-worker.ts", String(projectId)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    const run = JSON.parse(out) as { seconds: number; peakRssMb: number; status: string; error: string | null };
    if (run.status !== "succeeded") throw new Error(`the snapshot failed: ${run.error}`);
    return { seconds: +run.seconds.toFixed(1), peakRssMb: Math.round(run.peakRssMb) };
  };
  // first straight after the bulk COPY (no statistics on the new rows, every row's hint bits still
  // to set, the load's dirty pages still being written), then once the tables are vacuumed and
  // analyzed and a checkpoint has written them, as verdicts that arrived over weeks are: the
  // second is the figure against the target
  const justLoaded = snapshotRun();
  await db.exec(sql`VACUUM (ANALYZE) "VerdictEvent", "Artifact"`);
  await db.exec(sql`CHECKPOINT`);
  const snapshot = snapshotRun();
  const snapshotSeconds = snapshot.seconds;
  const rssAfterSnapshotMb = snapshot.peakRssMb;

  await write(verdicts + 1000, ids.length * 3); // new work since the snapshot
  const pageMs: number[] = [];
  for (let run = 0; run < 30; run++) {
    const t = performance.now();
    const { ready } = await agreementSnapshots(projectId);
    await agreementFreshness(projectId, ready);
    pageMs.push(+(performance.now() - t).toFixed(1));
  }
  // the page itself, served by `next start` and signed in as an admin
  const { hashPassword } = await import("../lib/server/accounts/create-account");
  await db.exec(sql`INSERT INTO "Account" ("email", "role", "passwordHash") VALUES ('bench-admin@example.org', 'admin', ${await hashPassword("bench-admin-password")})`);
  const httpMs = await timePage({ databaseUrl, email: "bench-admin@example.org", password: "bench-admin-password", path: `/projects/${projectId}/agreement`, runs: 20 });
  const { ready: computed } = await agreementSnapshots(projectId);
  const r = computed!.result!;
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString().slice(0, 10),
        machine: machine(),
        verdicts: r.verdicts,
        items: r.items,
        pairableItems: r.pairableItems,
        annotators: r.annotators.length,
        slices: Object.fromEntries(Object.entries(r.slices).map(([dim, s]) => [dim, s.length])),
        krippendorffAlpha: r.overall.krippendorffAlpha,
        snapshotJustLoaded: justLoaded,
        snapshot: { seconds: snapshotSeconds, computeSeconds: r.seconds, resultKb: Math.round(JSON.stringify(r).length / 1024), peakRssMb: rssAfterSnapshotMb },
        dashboardDataMs: { p50: percentile(pageMs.slice(1), 50), p99: percentile(pageMs.slice(1), 99), first: pageMs[0], newVerdictsSince: 1000 },
        dashboardPageMs: { p50: percentile(httpMs.slice(1), 50), max: Math.max(...httpMs.slice(1)), first: httpMs[0], runs: httpMs.length },
        targets: { snapshotSeconds: 10, snapshotPeakRssMb: 300, dashboardServerMs: 500 },
      },
      null,
      2,
    ),
  );
  await db.close();
  await p.done();
}
