import "server-only";
import { z } from "zod";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql, type Sql } from "../../db/sql";
import type { Decision } from "../../domain/kinds";
import { deriveReviewState, type Ruling } from "../../domain/review-state";
import { storeDisputes } from "../adjudication/disputes";
import { liveVerdicts, REVIEW_STATES_TABLE, reviewStatesUpdateFrom, stageReviewStates } from "../review/review-state-of";

const PAGE = 1000;

const Id = row({ id: col.text });
const VerdictRow = row({ artifactId: col.text, accountId: col.int, decision: col.text, contentJson: col.text.nullable(), reasonsJson: col.text, overrideFlags: col.int, createdAt: col.date });
const decision = col.text as unknown as z.ZodType<Decision, string>;
const RulingRow = row({ artifactId: col.text, by: z.enum(["lead", "rules"]), decision, content: col.text.nullable(), reasons: col.json(z.array(z.string())).nullable() });

/**
 * Brings the status of the artifacts `ids` (a query of one text column) in step with their live
 * verdicts (the latest event per annotator) and their ruling: artifacts a lead adjudicated stay
 * final. A page of artifacts at a time, their verdicts and rulings in two queries, so memory stays
 * flat; their states are gathered in a temporary table and stored on the artifacts in one update
 * at the end.
 *
 * One update, not one per page: each update folds into the same tally rows, and within one
 * transaction each fold leaves a version of every row it changed that the next must step over
 * (nothing can be pruned before the commit), so the work grew with the square of the pages. At 10M
 * artifacts (6,000 pages of 1,000), a page's update had come to 0.8 s of CPU, most of it walking
 * those versions.
 */
export async function recomputeReviewStates(t: Queryable, projectId: number, overlap: number, ids: Sql, pageSize = PAGE): Promise<number> {
  let updated = 0;
  const table = sql`"import_review_states"`;
  await t.exec(sql`CREATE TEMP TABLE ${table} ${REVIEW_STATES_TABLE} ON COMMIT DROP`);
  for (let after = ""; ;) {
    const page = (await t.many(Id, sql`SELECT "id" FROM (${ids}) AS x("id") WHERE "id" > ${after} ORDER BY "id" LIMIT ${pageSize}`)).map((r) => r.id);
    if (page.length === 0) break;
    after = page[page.length - 1];
    const verdicts = await t.many(
      VerdictRow,
      sql`SELECT "artifactId", "accountId", "decision", "contentJson", "reasonsJson", "overrideFlags", "createdAt" FROM "VerdictEvent"
          WHERE "projectId" = ${projectId} AND "artifactId" = ANY(${page}::text[]) ORDER BY "artifactId", "createdAt", "id"`,
    );
    const rulings = await rulingsOf(t, projectId, page);
    const byArtifact = new Map<string, typeof verdicts>();
    for (const v of verdicts) (byArtifact.get(v.artifactId) ?? byArtifact.set(v.artifactId, []).get(v.artifactId)!).push(v);
    const states = [...byArtifact].map(([artifactId, events]) => ({
      artifactId,
      state: deriveReviewState(liveVerdicts(events), overlap, rulings.get(artifactId) ?? null),
      // an imported verdict that completed an artifact finalized it when it was given, not when it was imported
      at: new Date(events[events.length - 1].createdAt),
    }));
    if (states.length) await t.exec(stageReviewStates(table, states));
    // the adjudication list's rows of those disputed (whose states are stored below: the rows do not
    // depend on them, and the state's row trigger removes the rows of artifacts that leave a dispute)
    await storeDisputes(t, projectId, states);
    updated += states.length;
  }
  await t.exec(sql`ANALYZE ${table}`); // its size, for the update's plan: a few rows or millions
  await t.exec(reviewStatesUpdateFrom(projectId, sql`${table} AS s`));
  await t.exec(sql`DROP TABLE ${table}`);
  return updated;
}

/** rulingOf for a page of artifacts: the latest adjudication, else the triage rule that decided it. */
async function rulingsOf(t: Queryable, projectId: number, ids: string[]): Promise<Map<string, Ruling>> {
  const rows = await t.many(
    RulingRow,
    sql`SELECT * FROM (
          SELECT DISTINCT ON ("artifactId") "artifactId", 'lead' AS "by", "decision", "contentJson" AS "content", "reasonsJson" AS "reasons"
          FROM "Adjudication" WHERE "projectId" = ${projectId} AND "artifactId" = ANY(${ids}::text[]) ORDER BY "artifactId", "id" DESC
        ) AS "latest"
        UNION ALL
        SELECT s."artifactId", 'rules', s."finalDecision", NULL, NULL FROM "ArtifactState" s
        WHERE s."projectId" = ${projectId} AND s."artifactId" = ANY(${ids}::text[]) AND s."decidedBy" = 'rules'
          AND NOT EXISTS (SELECT 1 FROM "Adjudication" j WHERE j."projectId" = ${projectId} AND j."artifactId" = s."artifactId")`,
  );
  return new Map(rows.map((r) => [r.artifactId, r.by === "lead" ? { by: "lead", decision: r.decision, content: r.content, reasons: r.reasons ?? [] } : { by: "rules", decision: r.decision }]));
}
