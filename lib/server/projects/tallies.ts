import "server-only";
import { db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import type { TallyRow } from "../../domain/tally";
import type { Facet, FacetRow } from "../../domain/items-count";

const Tally = row({
  projectId: col.int,
  kind: col.text,
  platform: col.text,
  status: col.text,
  decidedBy: col.text,
  triageRoute: col.text,
  triageAudit: col.bool,
  flagged: col.bool,
  overridden: col.bool,
  gold: col.bool,
  n: col.int,
});

/**
 * The projects' artifacts as counted on write (migration 023): each project's tally rows, the
 * slots summed. A few hundred rows per project whatever its size; a project without artifacts
 * has none.
 */
export async function artifactTallies(projectIds: readonly number[], q: Queryable = db()): Promise<Map<number, TallyRow[]>> {
  const out = new Map<number, TallyRow[]>(projectIds.map((id) => [id, []]));
  if (projectIds.length === 0) return out;
  const rows = await q.many(
    Tally,
    sql`SELECT "projectId", "kind", "platform", "status", "decidedBy", "triageRoute", "triageAudit", "flagged", "overridden", "gold", SUM("n") AS "n"
        FROM "ArtifactTally" WHERE "projectId" IN ${sql.list([...projectIds])}
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 HAVING SUM("n") <> 0`,
  );
  for (const { projectId, ...r } of rows) out.get(projectId)?.push(r);
  return out;
}

/** One project's tally rows (artifactTallies). */
export async function artifactTally(projectId: number, q: Queryable = db()): Promise<TallyRow[]> {
  return (await artifactTallies([projectId], q)).get(projectId) ?? [];
}

const Day = row({ day: col.text, verdicts: col.int, finalized: col.int });

/** Per UTC day, oldest first: verdicts given (retractions aside) and artifacts finalized that day, as counted on write. */
export async function dailyTally(projectId: number, q: Queryable = db()): Promise<{ day: string; verdicts: number; finalized: number }[]> {
  return q.many(
    Day,
    sql`SELECT to_char("day", 'YYYY-MM-DD') AS "day", SUM("verdicts") AS "verdicts", SUM("finalized") AS "finalized" FROM "DailyTally"
        WHERE "projectId" = ${projectId} GROUP BY "day" HAVING SUM("verdicts") <> 0 OR SUM("finalized") <> 0 ORDER BY "day"`,
  );
}

const FacetCount = row({ kind: col.text, platform: col.text, status: col.text, gold: col.bool, overridden: col.bool, value: col.text, n: col.int });

/** One project's artifacts by one facet's value, as counted on write (migration 028), the slots summed. */
export async function facetTally(projectId: number, facet: Facet, q: Queryable = db()): Promise<FacetRow[]> {
  return q.many(
    FacetCount,
    sql`SELECT "kind", "platform", "status", "gold", "overridden", "value", SUM("n") AS "n" FROM "FacetTally"
        WHERE "projectId" = ${projectId} AND "facet" = ${facet} GROUP BY 1, 2, 3, 4, 5, 6 HAVING SUM("n") <> 0`,
  );
}
