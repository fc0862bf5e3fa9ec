// npm run bench -- calibration [--artifacts N] [--labels L]
//   Loads N artifacts (default 1,000,000) through the importer, gives L of them (default 200,000) a
//   final human label that follows their judge scores with some noise (as the demo colleagues' would),
//   and times a calibration of the project's rules in a process of its own.
import { execFileSync } from "node:child_process";
import { loadBenchProject, machine } from "./load-project";

export async function benchCalibration(artifacts: number, labels: number) {
  const p = await loadBenchProject({ name: "calibration", artifacts, seed: "bench-calibration" });
  const { openDb } = await import("../lib/db/client");
  const { sql } = await import("../lib/db/sql");
  const { count } = await import("./counts");
  const db = openDb(p.databaseUrl);
  const judged = await count(db, sql`SELECT COUNT(*) FROM "Artifact" WHERE "projectId" = ${p.projectId} AND "judgeScoresJson" IS NOT NULL`);
  // people accept 95% of artifacts whose lowest score is 8 or more, 40% at 6-7, 5% below: the judge
  // is informative but not perfect, as calibration expects; hallucination is the usual reason
  await db.exec(sql`
    UPDATE "ArtifactState" s SET
       "status" = CASE WHEN random() * 100 < (CASE WHEN a."judgeMin" >= 8 THEN 95 WHEN a."judgeMin" >= 6 THEN 40 ELSE 5 END) THEN 'accepted' ELSE 'rejected' END,
       "decidedBy" = 'annotators', "verdictCount" = 2, "finalizedAt" = ${new Date(Date.now() - 3_600_000)}
     FROM (SELECT "id", "judgeMin" FROM "Artifact" WHERE "projectId" = ${p.projectId} AND "judgeScoresJson" IS NOT NULL ORDER BY random() LIMIT ${labels}) a
     WHERE s."projectId" = ${p.projectId} AND s."artifactId" = a."id"`);
  await db.exec(sql`UPDATE "ArtifactState" SET "reasonFlags" = 1 | (floor(random() * 2)::int * 32), "finalDecision" = 'reject' WHERE "projectId" = ${p.projectId} AND "status" = 'rejected'`);
  await db.exec(sql`UPDATE "ArtifactState" SET "finalDecision" = 'accept' WHERE "projectId" = ${p.projectId} AND "status" = 'accepted'`);
  const labeled = await count(db, sql`SELECT COUNT(*) FROM "ArtifactState" WHERE "projectId" = ${p.projectId} AND "status" IN ('accepted', 'rejected')`);
  // the labels as they would be after weeks of review, not straight after rewriting 200,000 rows:
  // vacuumed and analyzed, their pages written (the agreement bench does the same)
  await db.exec(sql`VACUUM (ANALYZE) "Artifact", "ArtifactState"`);
  await db.exec(sql`CHECKPOINT`);
  await db.close();
  const out = execFileSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "bench/calibration-worker.ts", p.databaseUrl, String(p.projectId)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const run = JSON.parse(out) as {
    seconds: number[];
    triageSeconds: number[];
    applySeconds: number;
    bareSeconds: number;
    triage: unknown;
    peakRssMb: number;
    keys: { key: string; labels: number; proposal: string }[];
  };
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString().slice(0, 10),
        machine: machine(),
        artifacts: p.artifacts,
        judged,
        labels: labeled,
        calibrationSeconds: run.seconds.map((s) => +s.toFixed(2)),
        triagePreviewSeconds: run.triageSeconds.map((s) => +s.toFixed(2)),
        triageApplySeconds: +run.applySeconds.toFixed(2),
        bareUpdateSeconds: +run.bareSeconds.toFixed(2),
        applyRatioToBare: +(run.bareSeconds / run.applySeconds).toFixed(2),
        triage: run.triage,
        peakRssMb: Math.round(run.peakRssMb),
        keys: run.keys,
        targets: { calibrationSeconds: 3, triagePreviewSeconds: 3, triageApplySeconds: 10, applyRatioToBare: 0.5 },
      },
      null,
      2,
    ),
  );
  await p.done();
}
