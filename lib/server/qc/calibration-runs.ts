import type { JobRunState } from "../../views/jobs";
import "server-only";
import { z } from "zod";
import { db, forNoKeyUpdate } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import type { CalibrationReport } from "../../views/qc";
import { enqueue } from "../jobs/queue";
import { jobRunColumns, readyAndLatest, refuseWhileRunning, withJobState } from "../jobs/stalled";
import { performJob, type PerformOptions } from "../perform-job";
import type { Actor } from "../record-audit";
import { activityMark, activitySince } from "../review-activity";
import { calibrate } from "./calibration";
import { currentRuleSet } from "./rule-sets";
import { total } from "../../domain/tally";
import { artifactTally } from "../projects/tallies";

/** Up to this many labels the page calibrates itself (a few tens of milliseconds of CPU); beyond, a worker does. */
export const INLINE_LABELS = 1_000;
/** ...and up to this many artifacts. */
export const INLINE_ARTIFACTS = 20_000;

/** Runs kept per project: older finished ones go when a new one is requested. */
const KEEP_RUNS = 20;

export interface CalibrationRunInfo extends JobRunState {
  id: number;
  target: number;
  /** labels finalized up to this moment count */
  labelsAt: string;
  verdictSnapshot: string;
  adjudicationCursor: number;
  report: CalibrationReport | null;
}

export interface CalibrationFreshness {
  newVerdicts: number;
  newAdjudications: number;
  /** the current rule set version, when it is not the one the run calibrated */
  rulesNow: number | null;
  stale: boolean;
}

const Run = row({
  id: col.int,
  ...jobRunColumns,
  target: col.num,
  labelsAt: col.date,
  verdictSnapshot: col.text,
  adjudicationCursor: col.int,
  report: col.json(z.custom<CalibrationReport>((v) => typeof v === "object" && v !== null)).nullable(),
});
const COLUMNS = sql.raw(
  `"id", "status", "progress", "done", "total", "target", "labelsAt", "verdictSnapshot"::text AS "verdictSnapshot", "adjudicationCursor", "resultJson" AS "report", "error", "createdAt", "updatedAt", "finishedAt"`,
);

/** The latest run that finished well, and the one running (or stalled, or failed) after it, if any. */
export async function calibrationRuns(projectId: number): Promise<{ ready: CalibrationRunInfo | null; latest: CalibrationRunInfo | null }> {
  return readyAndLatest(db(), "CalibrationRun", Run, COLUMNS, projectId);
}

/** One run of the project, finished or not. */
export async function calibrationRun(projectId: number, runId: number): Promise<CalibrationRunInfo> {
  const r = await db().maybe(Run, sql`SELECT ${COLUMNS} FROM "CalibrationRun" WHERE "id" = ${runId} AND "projectId" = ${projectId}`);
  if (!r) throw new AppError("not_found", `Calibration run ${runId} does not exist in this project.`);
  return withJobState(r);
}

/** What changed since a run: verdicts and adjudications it did not see, and the rules. */
export async function calibrationFreshness(projectId: number, run: CalibrationRunInfo | null): Promise<CalibrationFreshness> {
  if (!run?.report) return { newVerdicts: 0, newAdjudications: 0, rulesNow: null, stale: true };
  const { newVerdicts, newAdjudications } = await activitySince(projectId, run);
  const { version } = await currentRuleSet(projectId);
  const rulesNow = version === run.report.ruleSetVersion ? null : version;
  return { newVerdicts, newAdjudications, rulesNow, stale: newVerdicts > 0 || newAdjudications > 0 || rulesNow !== null };
}

/**
 * Whether the project is small enough to calibrate within a request: few labels, and few artifacts
 * (calibration also counts what its proposals would change among the open ones, a pass over all of
 * them: about a second at a million).
 */
export async function calibratesInline(projectId: number): Promise<boolean> {
  if (total(await artifactTally(projectId)) > INLINE_ARTIFACTS) return false;
  const { n } = await db().one(
    row({ n: col.int }),
    sql`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "ArtifactState" WHERE "projectId" = ${projectId} AND "status" IN ('accepted', 'rejected') AND "scoresPacked" IS NOT NULL LIMIT ${INLINE_LABELS + 1}) c`,
  );
  return n <= INLINE_LABELS;
}

/** Records a calibration to run with labels up to now; refuses while another one of the project runs. */
export async function requestCalibration(projectId: number, target: number, actor: Actor, opts: { queued?: boolean } = {}): Promise<number> {
  return db().tx(async (t) => {
    const project = await t.maybe(row({ id: col.int }), sql`SELECT "id" FROM "Project" WHERE "id" = ${projectId}${forNoKeyUpdate(t)}`);
    if (!project) throw new AppError("not_found", `Project ${projectId} does not exist.`);
    await refuseWhileRunning(t, "CalibrationRun", projectId, "The judge is already being calibrated for this project; its progress shows on the page.");
    const mark = await activityMark(t, projectId);
    const at = new Date();
    const { id } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "CalibrationRun" ("projectId", "target", "labelsAt", "verdictSnapshot", "adjudicationCursor", "status", "createdById", "createdAt", "updatedAt")
          VALUES (${projectId}, ${target}, ${at}, ${mark.verdictSnapshot}::pg_snapshot, ${mark.adjudicationCursor}, 'running', ${actor.actorId ?? null}, ${at}, ${at}) RETURNING "id"`,
    );
    // the history a lead may still save from stays; older finished runs go
    await t.exec(
      sql`DELETE FROM "CalibrationRun" WHERE "projectId" = ${projectId} AND "status" <> 'running'
          AND "id" < (SELECT MIN("id") FROM (SELECT "id" FROM "CalibrationRun" WHERE "projectId" = ${projectId} ORDER BY "id" DESC LIMIT ${KEEP_RUNS}) kept)`,
    );
    if (opts.queued ?? true) await enqueue(t, "calibration", id);
    return id;
  });
}

/** Calibrates a requested run (see calibrate) and records its report or the error (see performJob). */
export function performCalibrationRun(id: number, opts: PerformOptions = {}): Promise<CalibrationRunInfo> {
  return performJob({
    table: "CalibrationRun",
    id,
    ...opts,
    label: `Calibration run ${id}`,
    work: async ({ db: jobDb, onProgress }) => {
      const run = await jobDb.one(row({ projectId: col.int, target: col.num, labelsAt: col.date }), sql`SELECT "projectId", "target", "labelsAt" FROM "CalibrationRun" WHERE "id" = ${id}`);
      const report = await calibrate(run.projectId, { target: run.target, now: new Date(run.labelsAt), db: jobDb, onProgress });
      return { resultJson: JSON.stringify(report) };
    },
    describeError: (e) => (e instanceof AppError ? undefined : "calibrating stopped on an internal error; try again"),
    result: async (jobDb) => withJobState(await jobDb.one(Run, sql`SELECT ${COLUMNS} FROM "CalibrationRun" WHERE "id" = ${id}`)),
  });
}

/**
 * Starts a fresh calibration at `target`: run here when the project is small, else queued for a
 * worker (the page follows its progress). Returns the run's id.
 */
export async function refreshCalibration(projectId: number, target: number, actor: Actor): Promise<number> {
  const inline = await calibratesInline(projectId);
  const id = await requestCalibration(projectId, target, actor, { queued: !inline });
  if (inline) await performCalibrationRun(id);
  return id;
}
