import "server-only";
import { z } from "zod";
import { db, forNoKeyUpdate, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { DEFAULT_RATIOS, defaultSeed, validateRatios, type Ratios } from "../../domain/splits";
import { AppError } from "../../errors";
import type { JobRunState } from "../../views/jobs";
import { enqueue } from "../jobs/queue";
import { jobRunColumns, refuseWhileRunning, withJobState } from "../jobs/stalled";
import { performJob, type PerformOptions } from "../perform-job";
import type { Actor } from "../record-audit";
import { createSplitVersion, type SplitVersionSummary } from "./create-split-version";

/** Up to this many accepted artifacts a request makes the version itself (well under a second); beyond, a worker does. */
export const INLINE_ARTIFACTS = 20_000;

export interface SplitRunInfo extends JobRunState {
  id: number;
  seed: string;
  ratios: Ratios;
  /** the version made, once it succeeded */
  result: SplitVersionSummary | null;
}

const Run = row({
  id: col.int,
  ...jobRunColumns,
  seed: col.text,
  ratios: col.json(z.custom<Ratios>((v) => typeof v === "object" && v !== null)),
  result: col.json(z.custom<SplitVersionSummary>((v) => typeof v === "object" && v !== null)).nullable(),
});
const COLUMNS = sql.raw(`"id", "status", "progress", "done", "total", "seed", "ratiosJson" AS "ratios", "resultJson" AS "result", "error", "createdAt", "updatedAt", "finishedAt"`);

/** A split run of the project. */
export async function splitRun(projectId: number, runId: number, q: Queryable = db()): Promise<SplitRunInfo> {
  const r = await q.maybe(Run, sql`SELECT ${COLUMNS} FROM "SplitRun" WHERE "id" = ${runId} AND "projectId" = ${projectId}`);
  if (!r) throw new AppError("not_found", `Project ${projectId} has no split run ${runId}.`);
  return withJobState(r);
}

/** The project's latest split run, or null. */
export async function latestSplitRun(projectId: number): Promise<SplitRunInfo | null> {
  const r = await db().maybe(Run, sql`SELECT ${COLUMNS} FROM "SplitRun" WHERE "projectId" = ${projectId} ORDER BY "id" DESC LIMIT 1`);
  return r ? withJobState(r) : null;
}

/**
 * Records a new split version to make, with the project's defaults for what is not given (ratios
 * 0.8/0.1/0.1, the seed "v" and the version's number), and queues it unless `queued` is false (the
 * caller performs it). Refuses bad ratios and a second run of the project while one runs.
 */
export async function requestSplitRun(projectId: number, input: { seed?: string; ratios?: Ratios }, actor: Actor, opts: { queued?: boolean } = {}): Promise<number> {
  const ratios = input.ratios ?? DEFAULT_RATIOS;
  const problem = validateRatios(ratios);
  if (problem) throw new AppError("invalid_input", problem);
  return db().tx(async (t) => {
    if (!(await t.maybe(row({ id: col.int }), sql`SELECT "id" FROM "Project" WHERE "id" = ${projectId}${forNoKeyUpdate(t)}`))) throw new AppError("not_found", `Project ${projectId} does not exist.`);
    await refuseWhileRunning(t, "SplitRun", projectId, "A split version is being made for this project already; wait for it to finish.");
    const { n } = await t.one(row({ n: col.int }), sql`SELECT COALESCE(MAX("version"), 0) AS "n" FROM "SplitVersion" WHERE "projectId" = ${projectId}`);
    const seed = input.seed?.trim() || defaultSeed(n + 1);
    const at = new Date();
    const { id } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "SplitRun" ("projectId", "seed", "ratiosJson", "status", "createdById", "createdAt", "updatedAt")
          VALUES (${projectId}, ${seed}, ${JSON.stringify(ratios)}, 'running', ${actor.actorId ?? null}, ${at}, ${at}) RETURNING "id"`,
    );
    if (opts.queued ?? true) await enqueue(t, "split", id);
    return id;
  });
}

/** Makes the version a run asked for (see createSplitVersion) and records it or the error. */
export function performSplitRun(runId: number, opts: PerformOptions = {}): Promise<SplitRunInfo> {
  return performJob({
    table: "SplitRun",
    id: runId,
    ...opts,
    label: `Split run ${runId}`,
    work: async ({ db: jobDb, onProgress }) => {
      const run = await jobDb.one(
        row({ projectId: col.int, seed: col.text, ratios: col.json(z.custom<Ratios>()), createdById: col.int.nullable(), by: col.text.nullable() }),
        sql`SELECT r."projectId", r."seed", r."ratiosJson" AS "ratios", r."createdById", a."email" AS "by" FROM "SplitRun" r LEFT JOIN "Account" a ON a."id" = r."createdById" WHERE r."id" = ${runId}`,
      );
      const made = await createSplitVersion(run.projectId, { seed: run.seed, ratios: run.ratios }, { actorId: run.createdById, actorLabel: run.by ?? `split run ${runId}` }, { db: jobDb, onProgress });
      return { resultJson: JSON.stringify(made) };
    },
    describeError: (e) => (e instanceof AppError ? undefined : "making the split version stopped on an internal error; nothing was written, try again"),
    result: async (jobDb) => withJobState(await jobDb.one(Run, sql`SELECT ${COLUMNS} FROM "SplitRun" WHERE "id" = ${runId}`)),
  });
}

/** Whether the project is small enough to make a version within a request. */
export async function splitsInline(projectId: number): Promise<boolean> {
  const { n } = await db().one(
    row({ n: col.int }),
    sql`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "ArtifactState" WHERE "projectId" = ${projectId} AND "status" = 'accepted' LIMIT ${INLINE_ARTIFACTS + 1}) c`,
  );
  return n <= INLINE_ARTIFACTS;
}

/** Makes a version now when the project is small, else queues it for a worker. Returns the run. */
export async function makeSplitVersion(projectId: number, input: { seed?: string; ratios?: Ratios }, actor: Actor): Promise<SplitRunInfo> {
  const inline = await splitsInline(projectId);
  const id = await requestSplitRun(projectId, input, actor, { queued: !inline });
  return inline ? performSplitRun(id) : splitRun(projectId, id);
}
