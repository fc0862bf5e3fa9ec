import "server-only";
import { createHash } from "node:crypto";
import { unpackScores } from "../../domain/qc/packed-scores";
import { triageRoute, type TriageRoute } from "../../domain/qc/rule-set";
import type { ArtifactKind } from "../../domain/kinds";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import { rawDb } from "../raw-db";
import type { Actor } from "../record-audit";
import { immediate, sqlDate, stmt, type Sqlite } from "../sqlite";
import { currentRuleSet } from "./rule-sets";

export interface TriageResult {
  ruleSetVersion: number;
  routed: Record<TriageRoute, number>;
  /** auto decisions made final without a person */
  finalized: number;
  /** auto decisions sampled for people to check (they stay open) */
  audits: number;
}

const CHUNK = 2000;

/** A deterministic draw in [0, 1) per artifact and version: the same artifacts are audited on every run. */
function draw(projectId: number, artifactId: string, version: number): number {
  return createHash("sha256").update(`${projectId}:${version}:${artifactId}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Routes the open artifacts nobody has started (pending, no verdicts, no live lease, not gold) with
 * the current rule set: auto-accepts and auto-rejects become final, decided by "rules", except a
 * sample at the project's audit rate, which stays open for people to check; the rest are marked for
 * people. Artifacts routed to people by an older version are routed again; audits are left alone.
 * Works in short transactions of CHUNK artifacts, so annotators' claims go on meanwhile.
 */
export function applyTriage(projectId: number, actor: Actor, opts: { db?: Sqlite; now?: Date } = {}): TriageResult {
  const db = opts.db ?? rawDb();
  const project = stmt(db, `SELECT triageAuditRate FROM Project WHERE id = ?`).get(projectId) as { triageAuditRate: number } | undefined;
  if (!project) throw new AppError("not_found", `Project ${projectId} does not exist.`);
  const { version, rules } = currentRuleSet(projectId, db);
  const calibrated = Object.values(rules.reject).some((t) => t && Object.keys(t).length > 0) || rules.failOnFlags.length > 0;
  if (!calibrated) throw new AppError("conflict", `Rule set v${version} has no reject thresholds: calibrate and save a version first, or triage would only send everything to people.`);
  const at = sqlDate(opts.now ?? new Date());
  const result: TriageResult = { ruleSetVersion: version, routed: { auto_accept: 0, auto_reject: 0, human: 0 }, finalized: 0, audits: 0 };
  const next = stmt(
    db,
    `SELECT a.id, a.kind, a.flavor, a.scoresPacked, a.flags FROM Artifact a
     WHERE a.projectId = ? AND a.id > ? AND a.status = 'pending' AND a.verdictCount = 0 AND a.isGold = 0
       AND (a.triageRoute IS NULL OR (a.triageRoute = 'human' AND a.triageVersion < ?))
       AND NOT EXISTS (SELECT 1 FROM Lease l WHERE l.projectId = a.projectId AND l.artifactId = a.id AND l.releasedAt IS NULL AND l.expiresAt > ?)
     ORDER BY a.id LIMIT ${CHUNK}`,
  );
  const finalize = stmt(
    db,
    `UPDATE Artifact SET status = ?, finalDecision = ?, finalContentJson = NULL, finalizedAt = ?, decidedBy = 'rules', triageRoute = ?, triageAudit = 0, triageVersion = ?
     WHERE projectId = ? AND id = ? AND status = 'pending' AND verdictCount = 0`,
  );
  const mark = stmt(db, `UPDATE Artifact SET triageRoute = ?, triageAudit = ?, triageVersion = ? WHERE projectId = ? AND id = ?`);
  for (let after = ""; ; ) {
    const done = immediate(db, () => {
      const rows = next.all(projectId, after, version, at) as { id: string; kind: ArtifactKind; flavor: string | null; scoresPacked: number | null; flags: number | null }[];
      for (const r of rows) {
        const route = triageRoute(rules, { kind: r.kind, flavor: r.flavor, scores: r.scoresPacked === null ? null : unpackScores(r.scoresPacked), flags: r.flags ?? 0 });
        result.routed[route]++;
        if (route === "human") mark.run("human", 0, version, projectId, r.id);
        else if (draw(projectId, r.id, version) < project.triageAuditRate) {
          mark.run(route, 1, version, projectId, r.id);
          result.audits++;
        } else {
          const accept = route === "auto_accept";
          finalize.run(accept ? "accepted" : "rejected", accept ? "accept" : "reject", at, route, version, projectId, r.id);
          result.finalized++;
        }
      }
      if (rows.length) after = rows[rows.length - 1].id;
      return rows.length < CHUNK;
    });
    if (done) break;
  }
  writeAudit(db, { ...actor, action: "triage.applied", entityType: "Project", entityId: projectId, projectId, after: result });
  return result;
}

export interface TriageOutcome {
  finalizedByRules: { accepted: number; rejected: number };
  audits: { open: number; checked: number; overturned: number };
}

/** What applied triage has done: decisions the rules made, and audits, checked and overturned by people. */
export function triageOutcome(projectId: number, db: Sqlite = rawDb()): TriageOutcome {
  const rows = stmt(
    db,
    `SELECT triageRoute, triageAudit, status, decidedBy, COUNT(*) AS n FROM Artifact INDEXED BY Artifact_triage_idx
     WHERE projectId = ? AND triageRoute IS NOT NULL GROUP BY triageRoute, triageAudit, status, decidedBy`,
  ).all(projectId) as { triageRoute: TriageRoute; triageAudit: number; status: string; decidedBy: string | null; n: number }[];
  const out: TriageOutcome = { finalizedByRules: { accepted: 0, rejected: 0 }, audits: { open: 0, checked: 0, overturned: 0 } };
  for (const r of rows) {
    const final = r.status === "accepted" || r.status === "rejected";
    if (r.decidedBy === "rules") out.finalizedByRules[r.status as "accepted" | "rejected"] += r.n;
    else if (r.triageAudit) {
      if (!final) out.audits.open += r.n;
      else {
        out.audits.checked += r.n;
        if ((r.triageRoute === "auto_accept") !== (r.status === "accepted")) out.audits.overturned += r.n;
      }
    }
  }
  return out;
}
