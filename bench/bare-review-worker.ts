// The stress bench's bare reference (`npm run bench -- review`): the least a review step needs, with
// none of the app around it. Each simulated annotator has a connection of its own and loops, in one
// transaction per step: take the next artifact it has not judged (in review before pending, in queue
// order, FOR UPDATE SKIP LOCKED), insert its verdict, and update the artifact's verdict count and
// status (accepted at the overlap). The same tables, indexes and triggers as the app, so the same end
// state; no lease, no audit, no session, no JSON, no Node server in between.
// Usage: bare-review-worker.ts PROJECT_ID ACCOUNT_ID,... SECONDS OVERLAP (DATABASE_URL set); prints { step: ms[], seconds }.
import pg from "pg";

const [project, accounts, seconds, overlapArg] = process.argv.slice(2);
const projectId = Number(project);
const overlap = Number(overlapArg);
const deadline = Date.now() + Number(seconds) * 1000;
const countFrom = Date.now() + Number(process.env.WARMUP_SECONDS ?? 0) * 1000;
// the bench accounts for CPU from here (review.ts)
setTimeout(() => process.stderr.write("counting\n"), countFrom - Date.now());
const steps: number[] = [];
const started = performance.now();

const NEXT = (status: string) => `
  SELECT a."artifactId" AS "id" FROM "ArtifactState" a
  WHERE a."projectId" = $1 AND a."status" = '${status}' AND NOT a."isGold" AND a."verdictCount" < $3
    AND NOT EXISTS (SELECT 1 FROM "VerdictEvent" v WHERE v."projectId" = a."projectId" AND v."artifactId" = a."artifactId" AND v."accountId" = $2)
  ORDER BY a."queueRank", a."importedAt", a."artifactId" LIMIT 1 FOR UPDATE SKIP LOCKED`;

await Promise.all(
  accounts.split(",").map(async (account) => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const accountId = Number(account);
    while (Date.now() < deadline) {
      const t = performance.now();
      await client.query("BEGIN");
      const found = (await client.query(NEXT("in_review"), [projectId, accountId, overlap])).rows[0] ?? (await client.query(NEXT("pending"), [projectId, accountId, overlap])).rows[0];
      if (!found) {
        await client.query("ROLLBACK");
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      await client.query(`INSERT INTO "VerdictEvent" ("projectId", "artifactId", "accountId", "decision", "reasonsJson", "source") VALUES ($1, $2, $3, 'accept', '[]', 'review')`, [
        projectId,
        found.id,
        accountId,
      ]);
      await client.query(
        `UPDATE "ArtifactState" SET "verdictCount" = "verdictCount" + 1,
           "status" = CASE WHEN "verdictCount" + 1 >= $3 THEN 'accepted' ELSE 'in_review' END,
           "finalDecision" = CASE WHEN "verdictCount" + 1 >= $3 THEN 'accept' END,
           "decidedBy" = CASE WHEN "verdictCount" + 1 >= $3 THEN 'annotators' END,
           "finalizedAt" = CASE WHEN "verdictCount" + 1 >= $3 THEN now() END
         WHERE "projectId" = $1 AND "artifactId" = $2`,
        [projectId, found.id, overlap],
      );
      await client.query("COMMIT");
      if (Date.now() >= countFrom) steps.push(performance.now() - t);
    }
    await client.end();
  }),
);
process.stdout.write(JSON.stringify({ step: steps, seconds: (performance.now() - started) / 1000 }));
