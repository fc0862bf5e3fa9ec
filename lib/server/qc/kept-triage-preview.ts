import "server-only";
import { z } from "zod";
import { db, openDb } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { isCalibrated } from "../../domain/qc/rule-set";
import { stateBasis } from "../../domain/tally";
import { enqueue } from "../jobs/queue";
import type { PerformOptions } from "../perform-job";
import { artifactTally } from "../projects/tallies";
import { currentRuleSet } from "./rule-sets";
import { triagePreview } from "./triage-preview";
import type { KeptTriagePreview, TriagePreview } from "../../views/qc";

/** A kept preview is recounted at most this often, however busy the project. */
const RECOUNT_SECONDS = 30;
/** A count asked for this long ago and not done is taken for lost: the page stops waiting for it. */
const LOST_SECONDS = 120;

const Kept = row({
  ruleSetVersion: col.int.nullable(),
  basis: col.text.nullable(),
  result: col.json(z.custom<TriagePreview>((v) => typeof v === "object" && v !== null)).nullable(),
  computedAt: col.date.nullable(),
  requestedAt: col.date.nullable(),
});

/**
 * What triage with the current rules would do, as the dashboard shows it: counted by a worker and
 * kept (migration 025), never on the page load. When the rules or the artifacts' states (the
 * tallies' statuses and deciders) moved since it was counted, a recount is queued (at most
 * every RECOUNT_SECONDS) and the kept one is shown meanwhile if it is of the same rules. Rules that
 * cannot decide anything need no count.
 */
export async function keptTriagePreview(projectId: number): Promise<KeptTriagePreview> {
  const { version, rules } = await currentRuleSet(projectId);
  if (!isCalibrated(rules)) return { preview: await triagePreview(projectId), countedAt: null, counting: false };
  const kept = await db().maybe(Kept, sql`SELECT "ruleSetVersion", "basis", "resultJson" AS "result", "computedAt", "requestedAt" FROM "TriagePreview" WHERE "projectId" = ${projectId}`);
  const sameRules = kept?.ruleSetVersion === version && kept.result !== null;
  // a count asked for and not done yet; one asked for long ago is taken for lost (its job failed) and asked for again below
  let counting =
    kept?.requestedAt != null && (kept.computedAt === null || Date.parse(kept.requestedAt) > Date.parse(kept.computedAt)) && Date.now() - Date.parse(kept.requestedAt) < LOST_SECONDS * 1000;
  // a count of other rules is asked for again once the last one is done; a count of moved states at most every RECOUNT_SECONDS
  if (!sameRules) counting = (await requestCount(projectId, { evenIfRecent: true })) || counting;
  else if (kept.basis !== stateBasis(await artifactTally(projectId))) counting = (await requestCount(projectId, { evenIfRecent: false })) || counting;
  return { preview: sameRules ? kept.result : null, countedAt: sameRules ? kept.computedAt : null, counting, ruleSetVersion: version };
}

/**
 * Queues a count of the project's preview unless one was asked for in the last RECOUNT_SECONDS
 * (`evenIfRecent`: unless one asked for is still to be done); says whether it queued one.
 */
async function requestCount(projectId: number, { evenIfRecent }: { evenIfRecent: boolean }): Promise<boolean> {
  return db().tx(async (t) => {
    const asked = await t.maybe(
      row({ projectId: col.int }),
      sql`INSERT INTO "TriagePreview" AS k ("projectId", "requestedAt") SELECT ${projectId}, now() WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = ${projectId})
          ON CONFLICT ("projectId") DO UPDATE SET "requestedAt" = now()
          WHERE k."requestedAt" IS NULL OR k."requestedAt" < now() - make_interval(secs => ${RECOUNT_SECONDS}) OR (${evenIfRecent} AND k."computedAt" >= k."requestedAt")
          RETURNING k."projectId"`,
    );
    if (asked) await enqueue(t, "preview", projectId);
    return asked !== undefined;
  });
}

/**
 * The worker's job: counts the project's preview and keeps it, with the rules version and the
 * basis it was counted on (read before the count, so that a change during it asks for another).
 */
export async function countTriagePreview(projectId: number, opts: PerformOptions = {}): Promise<{ ruleSetVersion: number }> {
  const q = openDb(opts.url);
  try {
    // stamped with when it began: a request made meanwhile stays pending (the page keeps looking), and
    // a count that began earlier never overwrites one that began later
    const { began } = await q.one(row({ began: col.date }), sql`SELECT now() AS "began"`);
    const basis = stateBasis(await artifactTally(projectId, q));
    const preview = await triagePreview(projectId, q);
    await q.exec(
      sql`UPDATE "TriagePreview" SET "ruleSetVersion" = ${preview.ruleSetVersion}, "basis" = ${basis}, "resultJson" = ${JSON.stringify(preview)}, "computedAt" = ${began}
          WHERE "projectId" = ${projectId} AND ("computedAt" IS NULL OR "computedAt" <= ${began})`,
    );
    return { ruleSetVersion: preview.ruleSetVersion };
  } finally {
    await q.close();
  }
}
