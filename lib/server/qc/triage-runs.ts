import "server-only";
import { z } from "zod";
import { db, forNoKeyUpdate, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { isCalibrated } from "../../domain/qc/rule-set";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import { enqueue } from "../jobs/queue";
import { jobRunColumns, refuseWhileRunning, withJobState } from "../jobs/stalled";
import type { Actor } from "../record-audit";
import { performJob, type PerformOptions } from "../perform-job";
import { applyTriage } from "./apply-triage";
import type { TriageResult } from "../../views/qc";
import { currentRuleSet } from "./rule-sets";
import type { TriageRunInfo } from "../../views/qc";

/**
 * Records a triage of the project's open artifacts and queues it for a worker; returns its id. Refuses
 * when the current rules cannot decide anything, and while another triage of the project runs.
 */
export async function requestTriage(projectId: number, actor: Actor, opts: { queued?: boolean } = {}): Promise<number> {
  return db().tx(async (t) => {
    if (!(await t.maybe(row({ id: col.int }), sql`SELECT "id" FROM "Project" WHERE "id" = ${projectId}${forNoKeyUpdate(t)}`))) throw new AppError("not_found", `Project ${projectId} does not exist.`);
    const { version, rules } = await currentRuleSet(projectId, t);
    if (!isCalibrated(rules)) throw new AppError("conflict", `Rule set v${version} has no reject thresholds: calibrate and save a version first, or triage would only send everything to people.`);
    await refuseWhileRunning(t, "TriageRun", projectId, "Triage is already running for this project; wait for it to finish.");
    const at = new Date();
    const { id } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "TriageRun" ("projectId", "status", "progress", "createdById", "createdAt", "updatedAt") VALUES (${projectId}, 'running', 0, ${actor.actorId ?? null}, ${at}, ${at}) RETURNING "id"`,
    );
    await writeAudit(t, { ...actor, action: "triage.requested", entityType: "TriageRun", entityId: id, projectId, after: { ruleSetVersion: version } });
    if (opts.queued ?? true) await enqueue(t, "triage", id);
    return id;
  });
}

/**
 * Does a requested triage: applies the project's current rules (lib/server/qc/apply-triage.ts),
 * with progress and a heartbeat, then records the result or the error. Returns the finished run.
 */
export function performTriageRun(runId: number, opts: PerformOptions = {}): Promise<TriageRunInfo> {
  return performJob({
    table: "TriageRun",
    id: runId,
    ...opts,
    label: `Triage run ${runId}`,
    work: async ({ db: jobDb, onProgress }) => {
      const run = await jobDb.one(row({ projectId: col.int, createdById: col.int.nullable() }), sql`SELECT "projectId", "createdById" FROM "TriageRun" WHERE "id" = ${runId}`);
      const result = await applyTriage(run.projectId, { actorId: run.createdById, actorLabel: `triage run ${runId}` }, { db: jobDb, onProgress });
      return { resultJson: JSON.stringify(result) };
    },
    describeError: (e) => (e instanceof AppError ? undefined : "triage stopped on an internal error; what it wrote so far stands, and applying it again finishes the rest"),
    result: (jobDb) => triageRunInfo(runId, jobDb),
  });
}

const Run = row({
  id: col.int,
  ...jobRunColumns,
  result: col.json(z.custom<TriageResult>((v) => typeof v === "object" && v !== null)).nullable(),
});
const COLUMNS = sql.raw(`"id", "status", "progress", "done", "total", "resultJson" AS "result", "error", "createdAt", "updatedAt", "finishedAt"`);

/** A triage run; with `projectId`, only one of that project. */
export async function triageRunInfo(runId: number, q: Queryable = db(), projectId?: number): Promise<TriageRunInfo> {
  const ofProject = projectId === undefined ? sql.empty : sql` AND "projectId" = ${projectId}`;
  const r = await q.maybe(Run, sql`SELECT ${COLUMNS} FROM "TriageRun" WHERE "id" = ${runId}${ofProject}`);
  if (!r) throw new AppError("not_found", projectId === undefined ? `Triage run ${runId} does not exist.` : `Project ${projectId} has no triage run ${runId}.`);
  return withJobState(r);
}

/** The project's latest triage run, or null when triage was never applied from the app. */
export async function latestTriageRun(projectId: number): Promise<TriageRunInfo | null> {
  const r = await db().maybe(Run, sql`SELECT ${COLUMNS} FROM "TriageRun" WHERE "projectId" = ${projectId} ORDER BY "id" DESC LIMIT 1`);
  return r ? withJobState(r) : null;
}
