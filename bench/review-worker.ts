// One process of simulated annotators for `npm run bench -- review`: each claims its next artifact
// and loads it as the review screen does, then submits a verdict, until the deadline, all of the
// process's annotators at once (an app instance serves them concurrently). Prints the latencies and
// the event loop's delay. THINK_MS gives each annotator a reading time per artifact. With LEAD=1 a lead works in the same process meanwhile, as the instance
// would serve them: calibrating (requested here, computed by a worker, the page following it), the
// project dashboard's and the agreement page's data, and an items text search. Usage: review-worker.ts PROJECT_ID ACCOUNT_ID,... SECONDS (DATABASE_URL set)
import { RISKY_CHECKS } from "../lib/domain/risky-checks";
import { agreementFreshness, agreementSnapshots } from "../lib/server/agreement/agreement-snapshots";
import { countItems, listItems } from "../lib/server/items/list-items";
import { projectDashboard } from "../lib/server/projects/project-dashboard";
import { triageOutcome } from "../lib/server/qc/apply-triage";
import { calibrationFreshness, calibrationRuns, refreshCalibration } from "../lib/server/qc/calibration-runs";
import { triagePreview } from "../lib/server/qc/triage-preview";
import { latestTriageRun } from "../lib/server/qc/triage-runs";
import { itemsQuery } from "../lib/validation/items-query";
import { measureLoopDelay } from "./loop-delay";
import { assertProjectAccess } from "../lib/server/projects/assert-project-access";
import { nextReviewStep } from "../lib/server/review/review-step";
import { submitVerdict } from "../lib/server/review/submit-verdict";

const [project, accounts, seconds] = process.argv.slice(2);
/** THINK_MS: each annotator's time on an artifact (about; 0, no time: the stress bench) */
const thinkMs = Number(process.env.THINK_MS ?? 0);
const projectId = Number(project);
const users = accounts.split(",").map((id) => ({ id: Number(id), email: `bench${id}@example.org`, name: "", role: "annotator" as const }));
const settings = await assertProjectAccess(users[0], projectId); // what the guard hands the review routes
const started = performance.now();
const deadline = Date.now() + Number(seconds) * 1000;
/** WARMUP_SECONDS: the first seconds are not counted (a new process's first claims connect and plan its statements) */
const countFrom = Date.now() + Number(process.env.WARMUP_SECONDS ?? 0) * 1000;
// the bench accounts for CPU from here (review.ts)
setTimeout(() => process.stderr.write("counting\n"), countFrom - Date.now());
const counted = () => Date.now() >= countFrom;
const claim: number[] = [];
const submit: number[] = [];
let refused = 0;
let empty = 0;
const lead: Record<string, number[]> = { calibration: [], dashboard: [], search: [] };
const stopLoopDelay = measureLoopDelay();
// a lead reloading the heavy pages, one after another, for as long as the annotators work
async function leadWorks() {
  const search = itemsQuery.parse({ q: "knee" });
  while (Date.now() < deadline) {
    // calibration: the request, then the page's reloads until the worker's report is there
    let t = performance.now();
    const runId = await refreshCalibration(projectId, 0.95, { actorLabel: "bench lead" });
    for (;;) {
      const { ready, latest } = await calibrationRuns(projectId);
      await calibrationFreshness(projectId, ready);
      if (ready?.id === runId) break;
      if (latest?.status === "failed") throw new Error(`calibration failed: ${latest.error}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    lead.calibration.push(performance.now() - t);
    t = performance.now();
    await Promise.all([projectDashboard(projectId), triagePreview(projectId), triageOutcome(projectId), latestTriageRun(projectId)]);
    const { ready } = await agreementSnapshots(projectId);
    await agreementFreshness(projectId, ready);
    lead.dashboard.push(performance.now() - t);
    t = performance.now();
    await Promise.all([listItems(projectId, search), countItems(projectId, search)]);
    lead.search.push(performance.now() - t);
  }
}
// each annotator works on their own, as people do: the process's annotators at once, no think time
await Promise.all([
  ...(process.env.LEAD === "1" ? [leadWorks()] : []),
  ...users.map(async (user) => {
    // as the review screen asks: the annotator's verdicts in all once, on load (verdictThenNext does not)
    let first = true;
    while (Date.now() < deadline) {
      let t = performance.now();
      const step = await nextReviewStep(user, settings, undefined, { total: first });
      first = false;
      if (counted()) claim.push(performance.now() - t);
      if (!step.item) {
        empty++;
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const reject = step.item.evidence.some((e) => e.unsupported);
      t = performance.now();
      try {
        await submitVerdict(
          projectId,
          { actorId: user.id, actorLabel: user.email },
          { artifactId: step.item.artifactId, decision: reject ? "reject" : "accept", reasons: reject ? ["hallucination"] : [], durationMs: 1000, overrides: [...RISKY_CHECKS] },
        );
      } catch {
        refused++;
      }
      if (counted()) submit.push(performance.now() - t);
      if (thinkMs) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())));
    }
  }),
]);
const loopDelayMs = stopLoopDelay();
// exits once written: the pool's idle connections would keep the process (and the bench's CPU account) going for its idle timeout
process.stdout.write(JSON.stringify({ claim, submit, refused, empty, lead, loopDelayMs, seconds: (performance.now() - started) / 1000 }), () => process.exit(0));
