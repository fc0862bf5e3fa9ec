import "server-only";
import { z } from "zod";
import { wilson, type Estimate } from "../../domain/qc/binary-stats";
import { isCalibrated, type TriageRoute } from "../../domain/qc/rule-set";
import { db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { currentRuleSet } from "./rule-sets";
import { triageRouteSql } from "./rules-sql";
import type { TriagePreview } from "../../views/qc";

const Group = row({ route: z.enum(["auto_accept", "auto_reject", "human"]), status: col.text, decidedBy: col.text.nullable(), n: col.int });

/**
 * What triage with the current rule set would do, without doing it: where the open artifacts
 * would go, and, on artifacts people already decided, what it would have decided and how often it
 * would have been wrong. The database routes the artifacts (triageRouteSql) and counts them by
 * route and status: a million artifacts come back as a dozen rows.
 */
export async function triagePreview(projectId: number, q: Queryable = db()): Promise<TriagePreview> {
  const current = await currentRuleSet(projectId, q);
  const calibrated = isCalibrated(current.rules);
  const overlap = (await q.maybe(row({ overlap: col.int }), sql`SELECT "overlap" FROM "Project" WHERE "id" = ${projectId}`))?.overlap ?? 1;
  const open: Record<TriageRoute, number> = { auto_accept: 0, auto_reject: 0, human: 0 };
  const reviewed = { total: 0, autoAccepted: 0, autoRejected: 0, wrong: 0 };
  if (!calibrated) {
    // without reject thresholds everything goes to people: nothing to count (and no index scan to pay for)
    return { ruleSetVersion: current.version, calibrated, open, reviewed: { ...reviewed, errorRate: wilson(0, 0, "the error rate"), verdictsSaved: 0 } };
  }
  const groups = await q.many(
    Group,
    sql`SELECT ${triageRouteSql(current.rules)} AS "route", "status", "decidedBy", COUNT(*) AS "n" FROM "ArtifactState"
        WHERE "projectId" = ${projectId} GROUP BY 1, "status", "decidedBy"`,
  );
  for (const { route, status, decidedBy, n } of groups) {
    const final = status === "accepted" || status === "rejected";
    if (final && decidedBy === "rules") continue; // triage's own decisions are not evidence about it
    if (!final) {
      open[route] += n;
      continue;
    }
    reviewed.total += n;
    if (route === "auto_accept") {
      reviewed.autoAccepted += n;
      if (status === "rejected") reviewed.wrong += n;
    } else if (route === "auto_reject") {
      reviewed.autoRejected += n;
      if (status === "accepted") reviewed.wrong += n;
    }
  }
  const decided = reviewed.autoAccepted + reviewed.autoRejected;
  return {
    ruleSetVersion: current.version,
    calibrated,
    open,
    reviewed: { ...reviewed, errorRate: wilson(reviewed.wrong, decided, "the error rate"), verdictsSaved: decided * overlap },
  };
}
