import "server-only";
import { z } from "zod";
import { db, type Db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { createHash } from "node:crypto";
import { unpackScores } from "../../domain/qc/packed-scores";
import { humanQueueRank, QUEUE_RANK } from "../../domain/qc/queue-rank";
import { isCalibrated, triageRoute, type TriageRoute } from "../../domain/qc/rule-set";
import type { ArtifactKind } from "../../domain/kinds";
import { deriveReviewState } from "../../domain/review-state";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { currentRuleSet } from "./rule-sets";

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

// Writes go in transactions of CHUNK artifacts, so annotators' claims go on between them; within
// one, the artifacts that get the same change are updated by one statement per BATCH ids.
const CHUNK = 20_000;
const BATCH = 2_000;

/** A deterministic draw in [0, 1) per artifact and version: the same artifacts are audited on every run. */
function draw(projectId: number, artifactId: string, version: number): number {
  return createHash("sha256").update(`${projectId}:${version}:${artifactId}`).digest().readUInt32BE(0) / 2 ** 32;
}

const Candidate = row({ id: col.text, kind: col.text as unknown as z.ZodType<ArtifactKind, string>, flavor: col.text.nullable(), scoresPacked: col.int.nullable(), flags: col.int.nullable() });

// Open artifacts nobody has started: all of them (read from the covering index), or only those
// never triaged (new imports: queue rank 0, read from the queue's index).
function candidates(q: Queryable, projectId: number, scope: "all" | "untriaged") {
  const from =
    scope === "all"
      ? sql`"Artifact" WHERE "projectId" = ${projectId}`
      : sql`"Artifact" WHERE "projectId" = ${projectId} AND "queueRank" = ${QUEUE_RANK.untriaged}`;
  return q.stream(Candidate, sql`SELECT "id", "kind", "flavor", "scoresPacked", "flags" FROM ${from} AND "status" = 'pending' AND "verdictCount" = 0 AND NOT "isGold"`);
}

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
export async function applyTriage(
  projectId: number,
  actor: Actor,
  opts: { db?: Db; now?: Date; scope?: "all" | "untriaged"; onProgress?: (done: number, total: number) => void } = {},
): Promise<TriageResult> {
  const d = opts.db ?? db();
  const project = await d.maybe(row({ triageAuditRate: col.num }), sql`SELECT "triageAuditRate" FROM "Project" WHERE "id" = ${projectId}`);
  if (!project) throw new AppError("not_found", `Project ${projectId} does not exist.`);
  const { version, rules } = await currentRuleSet(projectId, d);
  if (!isCalibrated(rules)) throw new AppError("conflict", `Rule set v${version} has no reject thresholds: calibrate and save a version first, or triage would only send everything to people.`);
  const at = opts.now ?? new Date();
  const result: TriageResult = { ruleSetVersion: version, routed: { auto_accept: 0, auto_reject: 0, human: 0 }, finalized: 0, audits: 0, ranked: 0 };

  // audits already waiting for people are left alone (a small set, from the partial index)
  const audited = new Set(
    (await d.many(row({ id: col.text }), sql`SELECT "id" FROM "Artifact" WHERE "projectId" = ${projectId} AND "triageRoute" IS NOT NULL AND "triageAudit" AND "status" = 'pending'`)).map((r) => r.id),
  );
  const decisions: Decision[] = [];
  // artifacts share few combinations of kind, scores and checks: each is routed and ranked once
  const seen = new Map<string, { route: TriageRoute; rank: number }>();
  for await (const r of candidates(d, projectId, opts.scope ?? "all")) {
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

  // only artifacts nobody has started are written: a finalized one's state is the rule's ruling over no verdicts
  const unstarted = sql`"status" = 'pending' AND "verdictCount" = 0
    AND NOT EXISTS (SELECT 1 FROM "Lease" l WHERE l."projectId" = "Artifact"."projectId" AND l."artifactId" = "Artifact"."id" AND l."releasedAt" IS NULL AND l."expiresAt" > ${at})`;
  const ruled = (decision: "accept" | "reject") => deriveReviewState([], 1, { by: "rules", decision });
  const byRoute = { auto_accept: ruled("accept"), auto_reject: ruled("reject") };
  const change = (d: Decision) => {
    if (d.route === "human") return { key: `rank:${d.rank}`, set: sql`"triageRoute" = NULL, "triageAudit" = FALSE, "triageVersion" = ${version}, "queueRank" = ${d.rank}`, tally: "ranked" as const };
    if (d.audit) return { key: `audit:${d.route}:${d.rank}`, set: sql`"triageRoute" = ${d.route}, "triageAudit" = TRUE, "triageVersion" = ${version}, "queueRank" = ${d.rank}`, tally: "audits" as const };
    const state = byRoute[d.route];
    return {
      key: `final:${d.route}`,
      set: sql`"status" = ${state.status}, "finalDecision" = ${state.finalDecision}, "finalContentJson" = NULL, "finalizedAt" = ${at}, "decidedBy" = ${state.decidedBy},
               "triageRoute" = ${d.route}, "triageAudit" = FALSE, "triageVersion" = ${version}`,
      tally: "finalized" as const,
    };
  };
  for (let i = 0; i < decisions.length; i += CHUNK) {
    const groups = new Map<string, { change: ReturnType<typeof change>; ids: string[] }>();
    for (const dec of decisions.slice(i, i + CHUNK)) {
      const c = change(dec);
      const g = groups.get(c.key);
      if (g) g.ids.push(dec.id);
      else groups.set(c.key, { change: c, ids: [dec.id] });
    }
    await d.tx(async (t) => {
      for (const { change: c, ids } of groups.values()) {
        for (let j = 0; j < ids.length; j += BATCH) {
          result[c.tally] += await t.exec(sql`UPDATE "Artifact" SET ${c.set} WHERE "projectId" = ${projectId} AND "id" IN ${sql.list(ids.slice(j, j + BATCH))} AND ${unstarted}`);
        }
      }
    });
    opts.onProgress?.(Math.min(i + CHUNK, decisions.length), decisions.length);
  }
  await d.tx((t) => writeAudit(t, { ...actor, action: "triage.applied", entityType: "Project", entityId: projectId, projectId, after: { ...result, scope: opts.scope ?? "all" } }));
  return result;
}

export interface TriageOutcome {
  finalizedByRules: { accepted: number; rejected: number };
  audits: { open: number; checked: number; overturned: number };
}

/** What applied triage has done: decisions the rules made, and audits, checked and overturned by people. */
const OutcomeGroup = row({ triageRoute: z.enum(["auto_accept", "auto_reject", "human"]), triageAudit: col.bool, status: col.text, decidedBy: col.text.nullable(), n: col.int });

export async function triageOutcome(projectId: number): Promise<TriageOutcome> {
  const rows = await db().many(
    OutcomeGroup,
    sql`SELECT "triageRoute", "triageAudit", "status", "decidedBy", COUNT(*) AS "n" FROM "Artifact"
        WHERE "projectId" = ${projectId} AND "triageRoute" IS NOT NULL GROUP BY "triageRoute", "triageAudit", "status", "decidedBy"`,
  );
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
