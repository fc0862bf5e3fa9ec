// `npm run bench -- calibration`'s timed part, in a process of its own: three calibrations, then the
// proposals (a calibration run, as the page's worker makes it) saved as a version, three triage previews with it (every artifact routed, nothing
// written), and triage applied with it once, beside a bare set-based UPDATE of the same rows.
// Usage: calibration-worker.ts DATABASE_URL PROJECT_ID (REPEATS: how many calibrations and previews, 3 unless set)
import { calibrate } from "../lib/server/qc/calibration";
import { triagePreview } from "../lib/server/qc/triage-preview";
import { applyTriage } from "../lib/server/qc/apply-triage";
import { saveProposals } from "../lib/server/qc/save-proposals";
import { performCalibrationRun, requestCalibration } from "../lib/server/qc/calibration-runs";
import { openDb } from "../lib/db/client";
import { sql } from "../lib/db/sql";

const [url, project] = process.argv.slice(2);
const db = openDb(url);
const repeats = Number(process.env.REPEATS ?? 3);
const seconds: number[] = [];
let report;
for (let i = 0; i < repeats; i++) {
  const started = performance.now();
  report = await calibrate(Number(project), { db });
  seconds.push((performance.now() - started) / 1000);
}
// then a calibrated version (the proposals at precision 0.9, as a lead would save them), previewed and applied
const runId = await requestCalibration(Number(project), 0.9, { actorLabel: "bench" }, { queued: false });
const proposals = (await performCalibrationRun(runId, { url })).report!;
await saveProposals(Number(project), { runId, keys: proposals.keys.map((k) => k.key), note: "bench" }, { actorLabel: "bench" });
const triageSeconds: number[] = [];
for (let i = 0; i < repeats; i++) {
  const started = performance.now();
  await triagePreview(Number(project), db);
  triageSeconds.push((performance.now() - started) / 1000);
}
// the bare reference: one set-based UPDATE of the same rows and columns (rolled back, then vacuumed)
const bareStarted = performance.now();
await db
  .tx(async (t) => {
    await t.exec(sql`UPDATE "ArtifactState" SET "triageRoute" = 'human', "triageAudit" = FALSE, "triageVersion" = 0, "queueRank" = 1, "status" = 'pending', "decidedBy" = NULL
                     WHERE "projectId" = ${Number(project)} AND "status" = 'pending' AND "verdictCount" = 0 AND NOT "isGold"`);
    throw new Error("rolled back");
  })
  .catch(() => undefined);
const bareSeconds = (performance.now() - bareStarted) / 1000;
await db.exec(sql`VACUUM ANALYZE "ArtifactState"`);
const applyStarted = performance.now();
const triage = await applyTriage(Number(project), { actorLabel: "bench" }, { db });
const applySeconds = (performance.now() - applyStarted) / 1000;
const keys = report!.keys.map((k) => ({ key: k.key, labels: k.labels.accepted + k.labels.rejected, proposal: k.proposal.status }));
await db.close();
process.stdout.write(JSON.stringify({ seconds, triageSeconds, applySeconds, bareSeconds, triage, peakRssMb: process.resourceUsage().maxRSS / 1024, keys }));
