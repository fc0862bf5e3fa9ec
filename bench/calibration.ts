// npm run bench -- calibration [--artifacts N] [--labels L]
//   Loads N artifacts (default 1,000,000) through the importer, gives L of them (default 200,000) a
//   final human label that follows their judge scores with some noise (as the demo colleagues' would),
//   and times a calibration of the project's rules in a process of its own.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { loadBenchProject, machine } from "./load-project";

export async function benchCalibration(artifacts: number, labels: number) {
  const p = await loadBenchProject({ name: "calibration", artifacts, seed: "bench-calibration" });
  const { openSqlite, sqlDate } = await import("../lib/server/sqlite");
  const db = openSqlite(p.databaseUrl);
  const judged = db.prepare(`SELECT COUNT(*) FROM Artifact WHERE projectId = ? AND judgeScoresJson IS NOT NULL`).pluck().get(p.projectId) as number;
  // people accept 95% of artifacts whose lowest score is 8 or more, 40% at 6-7, 5% below: the judge
  // is informative but not perfect, as calibration expects; hallucination is the usual reason
  db.prepare(
    `UPDATE Artifact SET
       status = CASE WHEN abs(random()) % 100 < (CASE WHEN judgeMin >= 8 THEN 95 WHEN judgeMin >= 6 THEN 40 ELSE 5 END) THEN 'accepted' ELSE 'rejected' END,
       decidedBy = 'annotators', verdictCount = 2, finalizedAt = ?
     WHERE projectId = ? AND id IN (SELECT id FROM Artifact WHERE projectId = ? AND judgeScoresJson IS NOT NULL ORDER BY random() LIMIT ?)`,
  ).run(sqlDate(new Date(Date.now() - 3_600_000)), p.projectId, p.projectId, labels);
  db.prepare(`UPDATE Artifact SET reasonFlags = 1 | (abs(random()) % 2) * 32, finalDecision = 'reject' WHERE projectId = ? AND status = 'rejected'`).run(p.projectId);
  db.prepare(`UPDATE Artifact SET finalDecision = 'accept' WHERE projectId = ? AND status = 'accepted'`).run(p.projectId);
  const labeled = db.prepare(`SELECT COUNT(*) FROM Artifact WHERE projectId = ? AND status IN ('accepted', 'rejected')`).pluck().get(p.projectId) as number;
  db.close();
  const out = execFileSync(process.execPath, ["--import", "tsx", "--conditions=react-server", "bench/calibration-worker.ts", p.databaseUrl, String(p.projectId)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  const run = JSON.parse(out) as { seconds: number[]; triageSeconds: number[]; applySeconds: number; triage: unknown; peakRssMb: number; keys: { key: string; labels: number; proposal: string }[] };
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
        triage: run.triage,
        peakRssMb: Math.round(run.peakRssMb),
        keys: run.keys,
        targets: { calibrationSeconds: 3, triageSeconds: 10 },
      },
      null,
      2,
    ),
  );
  fs.rmSync(p.dir, { recursive: true, force: true });
}
