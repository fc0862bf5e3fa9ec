// `npm run bench -- calibration`'s timed part, in a process of its own: three calibrations, then
// three triage previews (every artifact routed by the current rules, nothing written).
// Usage: calibration-worker.ts DATABASE_URL PROJECT_ID
import { calibrate } from "../lib/server/qc/calibration";
import { triagePreview } from "../lib/server/qc/triage-preview";
import { openSqlite } from "../lib/server/sqlite";

const [url, project] = process.argv.slice(2);
const db = openSqlite(url);
const seconds: number[] = [];
let report;
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  report = calibrate(Number(project), { db });
  seconds.push((performance.now() - started) / 1000);
}
const triageSeconds: number[] = [];
for (let i = 0; i < 3; i++) {
  const started = performance.now();
  triagePreview(Number(project), db);
  triageSeconds.push((performance.now() - started) / 1000);
}
const keys = report!.keys.map((k) => ({ key: k.key, labels: k.labels.accepted + k.labels.rejected, proposal: k.proposal.status }));
process.stdout.write(JSON.stringify({ seconds, triageSeconds, peakRssMb: process.resourceUsage().maxRSS / 1024, keys }));
