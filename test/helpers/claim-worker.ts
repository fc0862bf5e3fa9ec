// A process of simulated annotators for the concurrency test: each claims and judges until the
// queue has nothing left for it. Usage: claim-worker.ts DATABASE_URL PROJECT_ID ACCOUNT_ID,...
import { claimNextArtifact } from "@/lib/server/review/claim-next-artifact";
import { submitVerdict } from "@/lib/server/review/submit-verdict";
import { openDb } from "@/lib/db/client";

const [url, project, accounts] = process.argv.slice(2);
const db = openDb(url);
const projectId = Number(project);
let active = accounts.split(",").map(Number);
let verdicts = 0;
let refused = 0;
while (active.length) {
  const next: number[] = [];
  for (const accountId of active) {
    const claim = await claimNextArtifact(projectId, accountId, { db, random: () => 1 });
    if (!claim) continue;
    next.push(accountId);
    try {
      await submitVerdict(
        projectId,
        { actorId: accountId, actorLabel: `sim${accountId}` },
        { artifactId: claim.artifactId, decision: accountId % 3 ? "accept" : "reject", reasons: accountId % 3 ? [] : ["generic"] },
        { db },
      );
      verdicts++;
    } catch {
      refused++;
    }
  }
  active = next;
}
await db.close();
process.stdout.write(JSON.stringify({ verdicts, refused }));
