import "server-only";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { deriveReviewState } from "../../domain/review-state";
import { liveVerdicts, rulingOf, storeReviewState } from "../review/review-state-of";

const PAGE = 500;

const VerdictRow = row({
  artifactId: col.text, accountId: col.int, decision: col.text, contentJson: col.text.nullable(), reasonsJson: col.text, overrideFlags: col.int, createdAt: col.date,
});

/**
 * Brings the status of the given artifacts in step with their live verdicts (the latest event per
 * annotator) and their ruling: artifacts a lead adjudicated stay final. Reads the verdicts of a
 * page of artifacts at a time, so memory stays flat.
 */
export async function recomputeReviewStates(t: Queryable, projectId: number, overlap: number, artifactIds: Iterable<string>): Promise<number> {
  const ids = [...new Set(artifactIds)].sort();
  let updated = 0;
  for (let i = 0; i < ids.length; i += PAGE) {
    const verdicts = await t.many(
      VerdictRow,
      sql`SELECT "artifactId", "accountId", "decision", "contentJson", "reasonsJson", "overrideFlags", "createdAt" FROM "VerdictEvent"
          WHERE "projectId" = ${projectId} AND "artifactId" IN ${sql.list(ids.slice(i, i + PAGE))} ORDER BY "artifactId", "createdAt", "id"`,
    );
    const byArtifact = new Map<string, typeof verdicts>();
    for (const v of verdicts) {
      const list = byArtifact.get(v.artifactId);
      if (list) list.push(v);
      else byArtifact.set(v.artifactId, [v]);
    }
    for (const [artifactId, events] of byArtifact) {
      // an imported verdict that completed an artifact finalized it when it was given, not when it was imported
      const state = deriveReviewState(liveVerdicts(events), overlap, await rulingOf(t, projectId, artifactId));
      await storeReviewState(t, projectId, artifactId, state, new Date(events[events.length - 1].createdAt));
      updated++;
    }
  }
  return updated;
}
