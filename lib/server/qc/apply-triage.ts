import "server-only";
import { z } from "zod";
import { db, type Db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { copyRow } from "../../db/copy-text";
import { unpackScores } from "../../domain/qc/packed-scores";
import { humanQueueRank, QUEUE_RANK } from "../../domain/qc/queue-rank";
import { isCalibrated, triageRoute, type TriageRoute } from "../../domain/qc/rule-set";
import type { ArtifactKind } from "../../domain/kinds";
import { deriveReviewState } from "../../domain/review-state";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { currentRuleSet } from "./rule-sets";
import type { TriageResult, TriageOutcome } from "../../views/qc";
import { triageOutcomeOf } from "../../domain/tally";
import { artifactTally } from "../projects/tallies";

// Writes go in transactions of CHUNK artifacts (in id order), so annotators' claims go on between them.
const CHUNK = 50_000;

/**
 * A deterministic draw in [0, 1) per artifact and version, made by the server: the first 32 bits of
 * sha256("project:version:artifact"). The same artifacts are audited on every run.
 */
const draw = (projectId: number, version: number) =>
  sql`(('x' || left(encode(sha256(convert_to(${`${projectId}:${version}:`} || a."artifactId", 'UTF8')), 'hex'), 8))::bit(32)::bigint::float8 / 4294967296.0)`;

const Combination = row({ kind: col.text as unknown as z.ZodType<ArtifactKind, string>, flavor: col.text.nullable(), scoresPacked: col.int.nullable(), flags: col.int.nullable(), n: col.int });
const ChunkResult = row({
  last: col.text.nullable(),
  read: col.int,
  human: col.int,
  autoAccept: col.int,
  autoReject: col.int,
  ranked: col.int,
  audits: col.int,
  finalized: col.int,
});

/**
 * Routes the open artifacts nobody has started (pending, no verdicts, no live lease, not gold) with
 * the current rule set: auto-accepts and auto-rejects become final, decided by "rules", except a
 * sample at the project's audit rate, which stays open (marked, at the end of the queue) for people
 * to check; the rest stay open for people, ranked in the queue most uncertain first. Artifacts share
 * few combinations of kind, scores and checks: each combination is routed once here, the routes go
 * to the server, and the server writes them, CHUNK artifacts per short transaction, each write
 * checking again that nobody started the artifact in between. Audits already waiting for people are
 * left alone. `scope: "untriaged"` routes only artifacts never triaged (what an import adds to a
 * calibrated project); it throws when the current rules are not calibrated.
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

  // open artifacts nobody has started, audits waiting for people aside; all of them, or only those never triaged
  const candidate = sql`a."projectId" = ${projectId} AND a."status" = 'pending' AND a."verdictCount" = 0 AND NOT a."isGold"
    AND NOT (a."triageRoute" IS NOT NULL AND a."triageAudit")${opts.scope === "untriaged" ? sql` AND a."queueRank" = ${QUEUE_RANK.untriaged}` : sql.empty}`;
  const combinations = await d.many(Combination, sql`SELECT a."kind", a."flavor", a."scoresPacked", a."flags", COUNT(*) AS "n" FROM "ArtifactState" a WHERE ${candidate} GROUP BY 1, 2, 3, 4`);
  const total = combinations.reduce((sum, c) => sum + c.n, 0);
  const ruled = (decision: "accept" | "reject") => deriveReviewState([], 1, { by: "rules", decision });
  const routes = (async function* () {
    for (const c of combinations) {
      const judged = { kind: c.kind, flavor: c.flavor, scores: c.scoresPacked === null ? null : unpackScores(c.scoresPacked), flags: c.flags ?? 0 };
      const route = triageRoute(rules, judged);
      const final = route === "human" ? null : ruled(route === "auto_accept" ? "accept" : "reject");
      yield copyRow([
        c.kind,
        c.flavor ?? "",
        c.scoresPacked ?? -1,
        c.flags ?? -1,
        route,
        route === "human" ? humanQueueRank(rules, judged) : QUEUE_RANK.audit,
        final?.status ?? null,
        final?.finalDecision ?? null,
        final?.decidedBy ?? null,
      ]);
    }
  })();

  // only artifacts nobody has started are written: a finalized one's state is the rule's ruling over no verdicts
  const unstarted = sql`a."status" = 'pending' AND a."verdictCount" = 0
    AND NOT EXISTS (SELECT 1 FROM "Lease" l WHERE l."projectId" = a."projectId" AND l."artifactId" = a."artifactId" AND l."releasedAt" IS NULL AND l."expiresAt" > ${at})`;
  const final = sql`(b."route" <> 'human' AND NOT b."audit")`;
  let after = "";
  let done = 0;
  // the routes sit in a temporary table of one session, which writes the chunks one transaction each
  await d.session(async (s) => {
    await s.exec(sql`CREATE TEMPORARY TABLE triage_route ("kind" TEXT, "flavor" TEXT, "scoresPacked" BIGINT, "flags" INTEGER, "route" TEXT, "rank" INTEGER, "status" TEXT, "finalDecision" TEXT, "decidedBy" TEXT,
                     PRIMARY KEY ("kind", "flavor", "scoresPacked", "flags"))`);
    await s.copyIn("triage_route", ["kind", "flavor", "scoresPacked", "flags", "route", "rank", "status", "finalDecision", "decidedBy"], routes);
    await s.exec(sql`ANALYZE triage_route`);
    for (;;) {
      const chunk = await s.tx((t) =>
        t.one(
          ChunkResult,
          sql`WITH b AS (
                SELECT a."artifactId" AS "id", r."route", r."rank", r."status", r."finalDecision", r."decidedBy", (r."route" <> 'human' AND ${draw(projectId, version)} < ${project.triageAuditRate}) AS "audit"
                FROM "ArtifactState" a JOIN triage_route r ON r."kind" = a."kind" AND r."flavor" = COALESCE(a."flavor", '') AND r."scoresPacked" = COALESCE(a."scoresPacked", -1) AND r."flags" = COALESCE(a."flags", -1)
                WHERE ${candidate} AND a."artifactId" > ${after} ORDER BY a."artifactId" LIMIT ${CHUNK}
              ), written AS (
                UPDATE "ArtifactState" a SET
                  "status" = CASE WHEN ${final} THEN b."status" ELSE a."status" END,
                  "finalDecision" = CASE WHEN ${final} THEN b."finalDecision" ELSE a."finalDecision" END,
                  "finalContentJson" = CASE WHEN ${final} THEN NULL ELSE a."finalContentJson" END,
                  "finalizedAt" = CASE WHEN ${final} THEN ${at}::timestamptz ELSE a."finalizedAt" END,
                  "decidedBy" = CASE WHEN ${final} THEN b."decidedBy" ELSE a."decidedBy" END,
                  "triageRoute" = NULLIF(b."route", 'human'), "triageAudit" = b."audit", "triageVersion" = ${version},
                  "queueRank" = CASE WHEN ${final} THEN a."queueRank" ELSE b."rank" END
                FROM b WHERE a."projectId" = ${projectId} AND a."artifactId" = b."id" AND ${unstarted}
                RETURNING b."route", b."audit"
              )
              SELECT (SELECT MAX("id") FROM b) AS "last", (SELECT COUNT(*) FROM b) AS "read",
                     (SELECT COUNT(*) FROM b WHERE "route" = 'human') AS "human", (SELECT COUNT(*) FROM b WHERE "route" = 'auto_accept') AS "autoAccept", (SELECT COUNT(*) FROM b WHERE "route" = 'auto_reject') AS "autoReject",
                     COUNT(*) FILTER (WHERE "route" = 'human') AS "ranked", COUNT(*) FILTER (WHERE "route" <> 'human' AND "audit") AS "audits", COUNT(*) FILTER (WHERE "route" <> 'human' AND NOT "audit") AS "finalized"
              FROM written`,
        ),
      );
      result.routed.human += chunk.human;
      result.routed.auto_accept += chunk.autoAccept;
      result.routed.auto_reject += chunk.autoReject;
      result.ranked += chunk.ranked;
      result.audits += chunk.audits;
      result.finalized += chunk.finalized;
      done += chunk.read;
      opts.onProgress?.(Math.min(done, total), total);
      if (chunk.last === null || chunk.read < CHUNK) break;
      after = chunk.last;
    }
  });
  await d.tx((t) => writeAudit(t, { ...actor, action: "triage.applied", entityType: "Project", entityId: projectId, projectId, after: { ...result, scope: opts.scope ?? "all" } }));
  return result;
}

/** What applied triage has done: decisions the rules made, and audits, checked and overturned by people (from the tallies kept on write). */
export async function triageOutcome(projectId: number): Promise<TriageOutcome> {
  return triageOutcomeOf(await artifactTally(projectId));
}
