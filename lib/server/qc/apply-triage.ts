import "server-only";
import { createHash } from "node:crypto";
import { unpackScores } from "../../domain/qc/packed-scores";
import { humanQueueRank, QUEUE_RANK } from "../../domain/qc/queue-rank";
import { isCalibrated, triageRoute, type TriageRoute } from "../../domain/qc/rule-set";
import type { ArtifactKind } from "../../domain/kinds";
import { deriveReviewState } from "../../domain/review-state";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import { rawDb } from "../raw-db";
import type { Actor } from "../record-audit";
import { immediate, sqlDate, stmt, type Sqlite } from "../sqlite";
import { currentRuleSetSync } from "./rule-sets";

export interface TriageResult {
  ruleSetVersion: number;
  routed: Record<TriageRoute, number>;
  /** auto decisions made final without a person */
  finalized: number;
  /** auto decisions sampled for people to check (they stay open, at the end of the queue) */
  audits: number;
  /** artifacts left to people, placed in the queue by how uncertain the rules are about them */
  ranked: number;
}

// Writes go in id order (the table's own order) in transactions of CHUNK artifacts: each touches a
// few hundred milliseconds of the write lock, so annotators' claims go on between them. Smaller
// chunks dirty the same pages of the covering index again and again (`npm run bench -- calibration`).
const CHUNK = 20_000;

/** A deterministic draw in [0, 1) per artifact and version: the same artifacts are audited on every run. */
function draw(projectId: number, artifactId: string, version: number): number {
  return createHash("sha256").update(`${projectId}:${version}:${artifactId}`).digest().readUInt32BE(0) / 2 ** 32;
}

interface Candidate {
  id: string;
  kind: ArtifactKind;
  flavor: string | null;
  scoresPacked: number | null;
  flags: number | null;
}

// Open artifacts nobody has started: all of them (read from the covering index), or only those
// never triaged (new imports: queue rank 0, read from the queue's index).
const CANDIDATES = {
  all: `SELECT id, kind, flavor, scoresPacked, flags FROM Artifact INDEXED BY Artifact_items_idx
        WHERE projectId = ? AND status = 'pending' AND verdictCount = 0 AND isGold = 0`,
  untriaged: `SELECT id, kind, flavor, scoresPacked, flags FROM Artifact INDEXED BY Artifact_projectId_status_queueRank_importedAt_idx
              WHERE projectId = ? AND status = 'pending' AND queueRank = ${QUEUE_RANK.untriaged} AND verdictCount = 0 AND isGold = 0`,
};

type Decision = { id: string; route: TriageRoute; audit: boolean; rank: number };

/**
 * Routes the open artifacts nobody has started (pending, no verdicts, no live lease, not gold) with
 * the current rule set: auto-accepts and auto-rejects become final, decided by "rules", except a
 * sample at the project's audit rate, which stays open (marked, at the end of the queue) for people
 * to check; the rest stay open for people, ranked in the queue most uncertain first. One read of an
 * index decides; the writes then go in short transactions, and each write checks again that nobody
 * started the artifact in between. `scope: "untriaged"` routes only artifacts never triaged (what
 * an import adds to a calibrated project); it throws when the current rules are not calibrated.
 */
export function applyTriage(projectId: number, actor: Actor, opts: { db?: Sqlite; now?: Date; scope?: keyof typeof CANDIDATES; onProgress?: (done: number, total: number) => void } = {}): TriageResult {
  const db = opts.db ?? rawDb();
  const project = stmt(db, `SELECT triageAuditRate FROM Project WHERE id = ?`).get(projectId) as { triageAuditRate: number } | undefined;
  if (!project) throw new AppError("not_found", `Project ${projectId} does not exist.`);
  const { version, rules } = currentRuleSetSync(projectId, db);
  if (!isCalibrated(rules)) throw new AppError("conflict", `Rule set v${version} has no reject thresholds: calibrate and save a version first, or triage would only send everything to people.`);
  const at = sqlDate(opts.now ?? new Date());
  const result: TriageResult = { ruleSetVersion: version, routed: { auto_accept: 0, auto_reject: 0, human: 0 }, finalized: 0, audits: 0, ranked: 0 };

  // audits already waiting for people are left alone (a small set, from the partial index)
  const audited = new Set(
    stmt(db, `SELECT id FROM Artifact INDEXED BY Artifact_triage_idx WHERE projectId = ? AND triageRoute IS NOT NULL AND triageAudit = 1 AND status = 'pending'`)
      .pluck()
      .all(projectId) as string[],
  );
  const decisions: Decision[] = [];
  // artifacts share few combinations of kind, scores and checks: each is routed and ranked once
  const seen = new Map<string, { route: TriageRoute; rank: number }>();
  for (const r of stmt(db, CANDIDATES[opts.scope ?? "all"]).iterate(projectId) as Iterable<Candidate>) {
    if (audited.has(r.id)) continue;
    const key = `${r.kind}|${r.flavor}|${r.scoresPacked}|${r.flags}`;
    let routed = seen.get(key);
    if (!routed) {
      const judged = { kind: r.kind, flavor: r.flavor, scores: r.scoresPacked === null ? null : unpackScores(r.scoresPacked), flags: r.flags ?? 0 };
      const route = triageRoute(rules, judged);
      seen.set(key, (routed = { route, rank: route === "human" ? humanQueueRank(rules, judged) : QUEUE_RANK.audit }));
    }
    result.routed[routed.route]++;
    const audit = routed.route !== "human" && draw(projectId, r.id, version) < project.triageAuditRate;
    decisions.push({ id: r.id, route: routed.route, audit, rank: routed.rank });
  }
  decisions.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const unstarted = `status = 'pending' AND verdictCount = 0
    AND NOT EXISTS (SELECT 1 FROM Lease l WHERE l.projectId = Artifact.projectId AND l.artifactId = Artifact.id AND l.releasedAt IS NULL AND l.expiresAt > ?)`;
  const finalize = stmt(
    db,
    `UPDATE Artifact SET status = ?, finalDecision = ?, finalContentJson = NULL, finalizedAt = ?, decidedBy = ?, triageRoute = ?, triageAudit = 0, triageVersion = ?
     WHERE projectId = ? AND id = ? AND ${unstarted}`,
  );
  const mark = stmt(db, `UPDATE Artifact SET triageRoute = ?, triageAudit = 1, triageVersion = ?, queueRank = ? WHERE projectId = ? AND id = ? AND ${unstarted}`);
  const rank = stmt(db, `UPDATE Artifact SET triageRoute = NULL, triageAudit = 0, triageVersion = ?, queueRank = ? WHERE projectId = ? AND id = ? AND ${unstarted}`);
  // only artifacts nobody has started are finalized: their state is the rule's ruling over no verdicts
  const ruled = (decision: "accept" | "reject") => deriveReviewState([], 1, { by: "rules", decision });
  const byRoute = { auto_accept: ruled("accept"), auto_reject: ruled("reject") };
  const write = (d: Decision) => {
    if (d.route === "human") result.ranked += rank.run(version, d.rank, projectId, d.id, at).changes;
    else if (d.audit) result.audits += mark.run(d.route, version, d.rank, projectId, d.id, at).changes;
    else {
      const state = byRoute[d.route];
      result.finalized += finalize.run(state.status, state.finalDecision, at, state.decidedBy, d.route, version, projectId, d.id, at).changes;
    }
  };
  // the WAL may grow to a few hundred MB meanwhile instead of being copied back after every chunk;
  // one checkpoint at the end does it once, without waiting for anybody
  const autocheckpoint = db.pragma("wal_autocheckpoint", { simple: true }) as number;
  db.pragma("wal_autocheckpoint = 50000");
  try {
    for (let i = 0; i < decisions.length; i += CHUNK) {
      immediate(db, () => decisions.slice(i, i + CHUNK).forEach(write));
      opts.onProgress?.(Math.min(i + CHUNK, decisions.length), decisions.length);
    }
  } finally {
    db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
  }
  db.pragma("wal_checkpoint(PASSIVE)");
  writeAudit(db, { ...actor, action: "triage.applied", entityType: "Project", entityId: projectId, projectId, after: { ...result, scope: opts.scope ?? "all" } });
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
