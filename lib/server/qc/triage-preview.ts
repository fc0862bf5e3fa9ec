import "server-only";
import type { z } from "zod";
import { wilson, type Estimate } from "../../domain/qc/binary-stats";
import { unpackScores } from "../../domain/qc/packed-scores";
import { isCalibrated, triageRoute, type TriageRoute } from "../../domain/qc/rule-set";
import type { ArtifactKind } from "../../domain/kinds";
import { db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { currentRuleSet } from "./rule-sets";
import type { TriagePreview } from "../../views/qc";

const Group = row({
  kind: col.text as unknown as z.ZodType<ArtifactKind, string>,
  flavor: col.text.nullable(),
  scoresPacked: col.int.nullable(),
  flags: col.int.nullable(),
  status: col.text,
  decidedBy: col.text.nullable(),
  n: col.int,
});

/**
 * What triage with the current rule set would do, without doing it: where the open artifacts
 * would go, and, on artifacts people already decided, what it would have decided and how often it
 * would have been wrong. The database groups the artifacts by what routing reads (kind, packed
 * scores, checks, status): a million artifacts come back as a few thousand groups, each routed once.
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
    sql`SELECT "kind", "flavor", "scoresPacked", "flags", "status", "decidedBy", COUNT(*) AS "n" FROM "Artifact"
        WHERE "projectId" = ${projectId} GROUP BY "kind", "flavor", "scoresPacked", "flags", "status", "decidedBy"`,
  );
  for (const r of groups) {
    const final = r.status === "accepted" || r.status === "rejected";
    if (final && r.decidedBy === "rules") continue; // triage's own decisions are not evidence about it
    const route = triageRoute(current.rules, { kind: r.kind, flavor: r.flavor, scores: r.scoresPacked === null ? null : unpackScores(r.scoresPacked), flags: r.flags ?? 0 });
    if (!final) {
      open[route] += r.n;
      continue;
    }
    reviewed.total += r.n;
    if (route === "auto_accept") {
      reviewed.autoAccepted += r.n;
      if (r.status === "rejected") reviewed.wrong += r.n;
    } else if (route === "auto_reject") {
      reviewed.autoRejected += r.n;
      if (r.status === "accepted") reviewed.wrong += r.n;
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
