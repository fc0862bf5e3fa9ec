import "server-only";
import { z } from "zod";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql, type Sql } from "../../db/sql";
import type { Decision } from "../../domain/kinds";
import { deriveReviewState, type Ruling } from "../../domain/review-state";
import { liveVerdicts, storeReviewStates } from "../review/review-state-of";

const PAGE = 1000;

const Id = row({ id: col.text });
const VerdictRow = row({ artifactId: col.text, accountId: col.int, decision: col.text, contentJson: col.text.nullable(), reasonsJson: col.text, overrideFlags: col.int, createdAt: col.date });
const decision = col.text as unknown as z.ZodType<Decision, string>;
const RulingRow = row({ artifactId: col.text, by: z.enum(["lead", "rules"]), decision, content: col.text.nullable(), reasons: col.json(z.array(z.string())).nullable() });

/**
 * Brings the status of the artifacts `ids` (a query of one text column) in step with their live
 * verdicts (the latest event per annotator) and their ruling: artifacts a lead adjudicated stay
 * final. A page of artifacts at a time: their verdicts and rulings in two queries, their states in
 * one update, so memory stays flat and the round trips do not grow with the artifacts.
 */
export async function recomputeReviewStates(t: Queryable, projectId: number, overlap: number, ids: Sql): Promise<number> {
  let updated = 0;
  for (let after = ""; ;) {
    const page = (await t.many(Id, sql`SELECT "id" FROM (${ids}) AS x("id") WHERE "id" > ${after} ORDER BY "id" LIMIT ${PAGE}`)).map((r) => r.id);
    if (page.length === 0) return updated;
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
    await storeReviewStates(t, projectId, states);
    updated += states.length;
  }
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
