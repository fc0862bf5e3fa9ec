import "server-only";
import { wilson, type Estimate } from "../../domain/qc/binary-stats";
import { unpackScores } from "../../domain/qc/packed-scores";
import { isCalibrated, triageRoute, type TriageRoute } from "../../domain/qc/rule-set";
import type { ArtifactKind } from "../../domain/kinds";
import { rawDb } from "../raw-db";
import { stmt, type Sqlite } from "../sqlite";
import { currentRuleSetSync } from "./rule-sets";

export interface TriagePreview {
  ruleSetVersion: number;
  /** whether any kind has reject thresholds: without them triage sends everything to people */
  calibrated: boolean;
  /** where the open artifacts would go (not counted when not calibrated: all to people) */
  open: Record<TriageRoute, number>;
  /** on the artifacts people finished: what triage would have decided, and how often it would have been wrong */
  reviewed: {
    total: number;
    autoAccepted: number;
    autoRejected: number;
    /** auto-accepted that people rejected, auto-rejected that people accepted */
    wrong: number;
    errorRate: Estimate;
    /** verdicts people would not have had to give (decided artifacts times the overlap) */
    verdictsSaved: number;
  };
}

/**
 * What triage with the current rule set would do, without doing it: where the open artifacts
 * would go, and, on artifacts people already decided, what it would have decided and how often it
 * would have been wrong. Reads the covering index only (packed scores, flags, status).
 */
export function triagePreview(projectId: number, db: Sqlite = rawDb()): TriagePreview {
  const current = currentRuleSetSync(projectId, db);
  const calibrated = isCalibrated(current.rules);
  const overlap = (stmt(db, `SELECT overlap FROM Project WHERE id = ?`).pluck().get(projectId) as number | undefined) ?? 1;
  const open: Record<TriageRoute, number> = { auto_accept: 0, auto_reject: 0, human: 0 };
  const reviewed = { total: 0, autoAccepted: 0, autoRejected: 0, wrong: 0 };
  if (!calibrated) {
    // without reject thresholds everything goes to people: nothing to count (and no index scan to pay for)
    return { ruleSetVersion: current.version, calibrated, open, reviewed: { ...reviewed, errorRate: wilson(0, 0, "the error rate"), verdictsSaved: 0 } };
  }
  const rows = stmt(
    db,
    `SELECT kind, flavor, scoresPacked, flags, status, decidedBy FROM Artifact INDEXED BY Artifact_items_idx WHERE projectId = ?`,
  ).iterate(projectId) as Iterable<{ kind: ArtifactKind; flavor: string | null; scoresPacked: number | null; flags: number | null; status: string; decidedBy: string | null }>;
  for (const r of rows) {
    const final = r.status === "accepted" || r.status === "rejected";
    if (final && r.decidedBy === "rules") continue; // triage's own decisions are not evidence about it
    const route = triageRoute(current.rules, { kind: r.kind, flavor: r.flavor, scores: r.scoresPacked === null ? null : unpackScores(r.scoresPacked), flags: r.flags ?? 0 });
    if (!final) {
      open[route]++;
      continue;
    }
    reviewed.total++;
    if (route === "auto_accept") {
      reviewed.autoAccepted++;
      if (r.status === "rejected") reviewed.wrong++;
    } else if (route === "auto_reject") {
      reviewed.autoRejected++;
      if (r.status === "accepted") reviewed.wrong++;
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
