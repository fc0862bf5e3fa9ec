import type { JobRunState } from "../../views/jobs";
import "server-only";
import { z } from "zod";
import { db, forNoKeyUpdate } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { enqueue } from "../jobs/queue";
import { jobRunColumns, readyAndLatest, refuseWhileRunning, withJobState } from "../jobs/stalled";
import { activitySince } from "../review-activity";
export { COUNT_CAP } from "../review-activity";
import type { Actor } from "../record-audit";
import { performJob, type PerformOptions } from "../perform-job";
import { computeAgreement, type AgreementResult } from "./compute-agreement";

/** Up to this many verdicts the page computes agreement itself (well under a second); beyond, a runner process does. */
export const INLINE_VERDICTS = 5_000;

export interface AgreementSnapshotInfo extends JobRunState {
  id: number;
  labelMode: string;
  verdictCursor: number;
  /** the snapshot its verdicts were read in (null for snapshots made before it was kept) */
  verdictSnapshot: string | null;
  /** the highest Adjudication id when it started */
  adjudicationCursor: number;
  result: AgreementResult | null;
}

export interface AgreementFreshness {
  /** verdicts and adjudications since the latest finished snapshot, and whether the label mode changed */
  newVerdicts: number;
  newAdjudications: number;
  labelModeChanged: boolean;
  stale: boolean;
}

const Snapshot = row({
  id: col.int,
  ...jobRunColumns,
  labelMode: col.text,
  verdictCursor: col.int,
  verdictSnapshot: col.text.nullable(),
  adjudicationCursor: col.int,
  result: col.json(z.custom<AgreementResult>((v) => typeof v === "object" && v !== null)).nullable(),
});
const COLUMNS = sql.raw(
  `"id", "status", "progress", "done", "total", "labelMode", "verdictCursor", "verdictSnapshot"::text AS "verdictSnapshot", "adjudicationCursor", "resultJson" AS "result", "error", "createdAt", "updatedAt", "finishedAt"`,
);

const Count = row({ n: col.int });

/** The latest snapshot that finished well, and the one running (or stalled, or failed) after it, if any. */
export async function agreementSnapshots(projectId: number): Promise<{ ready: AgreementSnapshotInfo | null; latest: AgreementSnapshotInfo | null }> {
  return readyAndLatest(db(), "AgreementSnapshot", Snapshot, COLUMNS, projectId);
}

/**
 * What changed since a snapshot: new verdicts (a range of ids after its cursor), new
 * adjudications, a different label mode.
 */
export async function agreementFreshness(
  projectId: number,
  snapshot: Pick<AgreementSnapshotInfo, "verdictCursor" | "verdictSnapshot" | "adjudicationCursor" | "labelMode"> | null,
): Promise<AgreementFreshness> {
  const { newVerdicts, newAdjudications } = await activitySince(projectId, snapshot);
  const { labelMode } = await db().one(row({ labelMode: col.text }), sql`SELECT "labelMode" FROM "Project" WHERE "id" = ${projectId}`);
  const labelModeChanged = snapshot !== null && snapshot.labelMode !== labelMode;
  return { newVerdicts, newAdjudications, labelModeChanged, stale: !snapshot || newVerdicts > 0 || newAdjudications > 0 || labelModeChanged };
}

/** Records a snapshot to compute; refuses while another one of the project runs. */
export async function requestAgreementSnapshot(projectId: number, actor: Actor, opts: { queued?: boolean } = {}): Promise<number> {
  return db().tx(async (t) => {
    const project = await t.maybe(row({ labelMode: col.text }), sql`SELECT "labelMode" FROM "Project" WHERE "id" = ${projectId}${forNoKeyUpdate(t)}`);
    if (!project) throw new AppError("not_found", `Project ${projectId} does not exist.`);
    await refuseWhileRunning(t, "AgreementSnapshot", projectId, "Agreement is already being computed for this project; its progress shows on the page.");
    const { n: adjudicationCursor } = await t.one(Count, sql`SELECT COALESCE(MAX("id"), 0) AS "n" FROM "Adjudication" WHERE "projectId" = ${projectId}`);
    const at = new Date();
    const { id } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "AgreementSnapshot" ("projectId", "labelMode", "verdictCursor", "adjudicationCursor", "status", "createdById", "createdAt", "updatedAt")
          VALUES (${projectId}, ${project.labelMode}, 0, ${adjudicationCursor}, 'running', ${actor.actorId ?? null}, ${at}, ${at}) RETURNING "id"`,
    );
    if (opts.queued ?? true) await enqueue(t, "agreement", id);
    return id;
  });
}

/** Computes a requested snapshot (see computeAgreement) and records the result or the error (see performJob). */
export function performAgreementSnapshot(id: number, opts: PerformOptions & { resamples?: number } = {}): Promise<AgreementSnapshotInfo> {
  const { resamples, ...perform } = opts;
  return performJob({
    table: "AgreementSnapshot",
    id,
    ...perform,
    label: `Agreement snapshot ${id}`,
    work: async ({ db: jobDb, onProgress }) => {
      const { projectId } = await jobDb.one(row({ projectId: col.int }), sql`SELECT "projectId" FROM "AgreementSnapshot" WHERE "id" = ${id}`);
      const { result, verdictCursor, verdictSnapshot } = await computeAgreement(jobDb, projectId, { resamples, onProgress });
      return { labelMode: result.labelMode, verdictCursor, verdictSnapshot, resultJson: JSON.stringify(result) };
    },
    describeError: (e) => (e instanceof AppError ? undefined : "computing agreement stopped on an internal error; try again"),
    result: async (jobDb) => withJobState(await jobDb.one(Snapshot, sql`SELECT ${COLUMNS} FROM "AgreementSnapshot" WHERE "id" = ${id}`)),
  });
}

/** Whether the project is small enough to compute agreement within a page request. */
export async function computesInline(projectId: number): Promise<boolean> {
  const { n } = await db().one(Count, sql`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "VerdictEvent" WHERE "projectId" = ${projectId} LIMIT ${INLINE_VERDICTS + 1}) c`);
  return n <= INLINE_VERDICTS;
}

/**
 * Starts a fresh snapshot: computed here when the project is small, else queued for a worker (the
 * page follows its progress). Returns the snapshot's id.
 */
export async function refreshAgreement(projectId: number, actor: Actor): Promise<number> {
  const inline = await computesInline(projectId);
  const id = await requestAgreementSnapshot(projectId, actor, { queued: !inline });
  if (inline) await performAgreementSnapshot(id);
  return id;
}
