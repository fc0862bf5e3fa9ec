import "server-only";
import { z } from "zod";
import { db, forUpdate, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../../env";
import { privateDataDir } from "../../private-files";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import { enqueue } from "../jobs/queue";
import { emitEvent } from "../webhooks/emit-event";
import { performJob, type PerformOptions } from "../perform-job";
import { isStalled, withJobState } from "../jobs/stalled";
import type { Actor } from "../record-audit";
import { LeakageError } from "./export-split-version";
import type { ExportedFile } from "../../views/splits";
import { exportVerified, freezeSplitVersion } from "./freeze-split-version";
import type { ExportAction, ExportRunInfo } from "../../views/splits";
import { exportWarnings } from "../../domain/export-warnings";
import { SPLITS, type Split } from "../../domain/splits";

const EXPORTS = "exports";

/** Where a run's files go: under DATA_DIR, the one volume that holds what the workbench keeps on disk. */
export function exportRunDir(runId: number): string {
  return path.join(dataDir(), EXPORTS, `run-${runId}`);
}

/**
 * Records an export (or a freeze) of a split version and queues it for a worker; returns its id.
 * Refuses a second run of the same version while one is running, and a freeze of a frozen version.
 */
export async function requestExport(projectId: number, version: number, action: ExportAction, actor: Actor, opts: { queued?: boolean } = {}): Promise<number> {
  return db().tx(async (t) => {
    const v = await t.maybe(row({ id: col.int, status: col.text }), sql`SELECT "id", "status" FROM "SplitVersion" WHERE "projectId" = ${projectId} AND "version" = ${version}${forUpdate(t)}`);
    if (!v) throw new AppError("not_found", `Project ${projectId} has no split version ${version}.`);
    if (action === "freeze" && v.status === "frozen") throw new AppError("conflict", `Version ${version} is already frozen.`);
    const now = Date.now();
    const busy = await t.many(
      row({ status: col.text, createdAt: col.date, updatedAt: col.date.nullable() }),
      sql`SELECT "status", "createdAt", "updatedAt" FROM "ExportRun" WHERE "splitVersionId" = ${v.id} AND "status" = 'running'`,
    );
    // a run waiting for a worker or running counts; one that stopped responding does not
    if (busy.some((r) => !isStalled(r.status, r.createdAt, r.updatedAt, now))) {
      throw new AppError("conflict", `Version ${version} is being exported already; wait for that run to finish.`);
    }
    const at = new Date(now);
    const { id } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "ExportRun" ("splitVersionId", "action", "status", "progress", "createdById", "createdAt", "updatedAt") VALUES (${v.id}, ${action}, 'running', 0, ${actor.actorId ?? null}, ${at}, ${at}) RETURNING "id"`,
    );
    await writeAudit(t, { ...actor, action: action === "freeze" ? "split.freeze_requested" : "export.requested", entityType: "ExportRun", entityId: id, projectId, after: { version } });
    if (opts.queued ?? true) await enqueue(t, "export", id);
    return id;
  });
}

const RunTarget = row({ action: z.enum(["export", "freeze"]), projectId: col.int, version: col.int });

/**
 * Does a requested run: exports the version into the run's folder (checking a frozen version's
 * files against its manifest) or freezes it, with progress and a heartbeat, then records the files
 * or the error. Returns the finished run.
 */
export function performExportRun(runId: number, opts: PerformOptions = {}): Promise<ExportRunInfo> {
  const dir = exportRunDir(runId);
  let told: { projectId: number; version: number; action: ExportAction; files: ExportedFile[]; warnings: string[] } | null = null;
  return performJob({
    table: "ExportRun",
    id: runId,
    ...opts,
    label: `Export run ${runId}`,
    work: async ({ db: jobDb, onProgress }) => {
      const run = await jobDb.one(RunTarget, sql`SELECT r."action", v."projectId", v."version" FROM "ExportRun" r JOIN "SplitVersion" v ON v."id" = r."splitVersionId" WHERE r."id" = ${runId}`);
      fs.rmSync(dir, { recursive: true, force: true });
      privateDataDir(dataDir(), EXPORTS); // the run's folder is made (700) by the export
      const actor = { actorId: null, actorLabel: `export run ${runId}` };
      const progress = (done: number, total: number) => onProgress(done, total);
      const result =
        run.action === "freeze"
          ? await freezeSplitVersion(run.projectId, run.version, dir, actor, { db: jobDb, onProgress: progress })
          : await exportVerified(run.projectId, run.version, dir, { db: jobDb, onProgress: progress });
      await jobDb.tx((t) =>
        writeAudit(t, {
          ...actor,
          action: "export.written",
          entityType: "ExportRun",
          entityId: runId,
          projectId: run.projectId,
          after: { version: run.version, action: run.action, files: result.files },
        }),
      );
      told = { projectId: run.projectId, version: run.version, action: run.action, files: result.files, warnings: exportWarnings({ records: result.records }) };
      return { filesJson: JSON.stringify(result.files), recordsJson: JSON.stringify(result.records) };
    },
    onSuccess: async (t) => {
      if (!told) return;
      const { projectId, action, files, ...rest } = told;
      const url = (name: string) => `/api/v1/projects/${projectId}/exports/${runId}/files/${encodeURIComponent(name)}`;
      await emitEvent(t, projectId, action === "freeze" ? "split.frozen" : "export.finished", {
        ...rest,
        exportId: runId,
        files: files.map((f) => ({ ...f, url: url(f.name) })),
        export: `/api/v1/projects/${projectId}/exports/${runId}`,
      });
    },
    describeError: (e) => {
      fs.rmSync(dir, { recursive: true, force: true }); // no partial files
      return e instanceof LeakageError ? [e.message, ...e.offenders(20)].join("\n") : e instanceof AppError ? e.message : "the export stopped on an internal error";
    },
    result: (jobDb) => exportRunInfo(runId, jobDb),
  });
}

const Run = row({
  id: col.int,
  projectId: col.int,
  version: col.int,
  action: z.enum(["export", "freeze"]),
  status: z.enum(["running", "succeeded", "failed"]),
  progress: col.num,
  done: col.int.nullable(),
  total: col.int.nullable(),
  files: col.json(z.array(z.object({ name: z.string(), bytes: z.number(), sha256: z.string() }))),
  records: col.json(z.record(z.enum(SPLITS), z.record(z.string(), z.number()))).nullable(),
  error: col.text.nullable(),
  createdAt: col.date,
  updatedAt: col.date.nullable(),
  finishedAt: col.date.nullable(),
});
const RUN = sql`SELECT r."id", v."projectId", v."version", r."action", r."status", r."progress", r."done", r."total", r."filesJson" AS "files", r."recordsJson" AS "records", r."error", r."createdAt", r."updatedAt", r."finishedAt"
                FROM "ExportRun" r JOIN "SplitVersion" v ON v."id" = r."splitVersionId"`;

/** The files every finished export writes beside its data files. */
const EXTRA_FILES = ["manifest.json", "README.md"];

/** A run as the pages show it: its job state, and the sizes of its manifest and dataset card as they are on disk. */
async function runInfo(r: z.output<typeof Run>): Promise<ExportRunInfo> {
  const extras =
    r.status === "succeeded"
      ? await Promise.all(
          EXTRA_FILES.map(async (name) => ({
            name,
            bytes: await fs.promises.stat(path.join(exportRunDir(r.id), name)).then(
              (st) => st.size,
              () => null,
            ),
          })),
        )
      : [];
  const { records, ...run } = r;
  return { ...withJobState(run), extras, warnings: records ? exportWarnings({ records: records as Record<Split, Record<string, number>> }) : [] };
}

export async function exportRunInfo(runId: number, q: Queryable = db()): Promise<ExportRunInfo> {
  const r = await q.maybe(Run, sql`${RUN} WHERE r."id" = ${runId}`);
  if (!r) throw new AppError("not_found", `Export run ${runId} does not exist.`);
  return runInfo(r);
}

/** The runs of a project's split versions, newest first. */
export async function exportRunsOf(projectId: number): Promise<ExportRunInfo[]> {
  return Promise.all((await db().many(Run, sql`${RUN} WHERE v."projectId" = ${projectId} ORDER BY r."id" DESC LIMIT 100`)).map(runInfo));
}

/** The path of one file of a finished run of this project, or a not-found error: names come from the run's own list. */
export async function exportRunFile(projectId: number, runId: number, name: string): Promise<{ file: string; bytes: number }> {
  const r = await db().maybe(Run, sql`${RUN} WHERE r."id" = ${runId} AND v."projectId" = ${projectId}`);
  const listed = r?.status === "succeeded" ? r.files.find((f) => f.name === name) : undefined;
  const extra = r?.status === "succeeded" && EXTRA_FILES.includes(name);
  if (!listed && !extra) throw new AppError("not_found", `Export run ${runId} has no file "${name}".`);
  const file = path.join(exportRunDir(runId), path.basename(name));
  if (!fs.existsSync(file)) throw new AppError("not_found", `The files of export run ${runId} are gone from the server; run the export again.`);
  return { file, bytes: fs.statSync(file).size };
}
