// One process of simulated annotators for `npm run bench -- review`: each claims its next artifact
// and loads it as the review screen does, then submits a verdict, until the deadline, all of the
// process's annotators at once (an app instance serves them concurrently). Prints the latencies. Usage: review-worker.ts PROJECT_ID ACCOUNT_ID,... SECONDS (DATABASE_URL set)
import { RISKY_CHECKS } from "../lib/domain/risky-checks";
import { assertProjectAccess } from "../lib/server/projects/assert-project-access";
import { nextReviewStep } from "../lib/server/review/review-step";
import { submitVerdict } from "../lib/server/review/submit-verdict";

const [project, accounts, seconds] = process.argv.slice(2);
const projectId = Number(project);
const users = accounts.split(",").map((id) => ({ id: Number(id), email: `bench${id}@example.org`, name: "", role: "annotator" as const }));
const settings = await assertProjectAccess(users[0], projectId); // what the guard hands the review routes
const started = performance.now();
const deadline = Date.now() + Number(seconds) * 1000;
const claim: number[] = [];
const submit: number[] = [];
let refused = 0;
let empty = 0;
// each annotator works on their own, as people do: the process's annotators at once, no think time
await Promise.all(
  users.map(async (user) => {
    while (Date.now() < deadline) {
      let t = performance.now();
      const step = await nextReviewStep(user, settings);
      claim.push(performance.now() - t);
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
      submit.push(performance.now() - t);
    }
  }),
);
process.stdout.write(JSON.stringify({ claim, submit, refused, empty, seconds: (performance.now() - started) / 1000 }));
