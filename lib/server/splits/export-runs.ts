import "server-only";
import { z } from "zod";
import { db, forUpdate, type Db, type Queryable } from "../../db/client";
import { deleteStoredFiles, storedFile, storedFilesUnder, storeLocalFile, type StoredFileInfo } from "../../db/stored-files";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../../env";
import { diskFull, privateDataDir } from "../../private-files";
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
import type { ExportResult } from "./export-split-version";
import type { ExportAction, ExportRunInfo } from "../../views/splits";
import { exportWarnings } from "../../domain/export-warnings";
import { SPLITS, type Split } from "../../domain/splits";

const SCRATCH = "scratch";

/**
 * Where a run writes its files before they go to the database: this machine's scratch space under
 * DATA_DIR, emptied when the run ends. Every instance downloads them from PostgreSQL.
 */
export function exportRunScratch(runId: number): string {
  return path.join(dataDir(), SCRATCH, `export-run-${runId}`);
}

/** The stored files of a run are keyed under this prefix (lib/db/stored-files.ts). */
const runFiles = (runId: number) => `export-run/${runId}/`;

/** Removes what a run left: its scratch folder and its stored files. */
export async function removeExportRunFiles(q: Queryable, runId: number): Promise<void> {
  fs.rmSync(exportRunScratch(runId), { recursive: true, force: true });
  await deleteStoredFiles(q, runFiles(runId));
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
 * Does a requested run: exports the version into the run's scratch folder (checking a frozen
 * version's files against its manifest) or freezes it, with progress and a heartbeat, stores the
 * files in the database, then records them or the error. Returns the finished run.
 */
export function performExportRun(runId: number, opts: PerformOptions = {}): Promise<ExportRunInfo> {
  const dir = exportRunScratch(runId);
  let told: { projectId: number; version: number; action: ExportAction; files: ExportedFile[]; warnings: string[] } | null = null;
  return performJob({
    table: "ExportRun",
    id: runId,
    ...opts,
    label: `Export run ${runId}`,
    work: async ({ db: d, onProgress }) => {
      const run = await d.one(RunTarget, sql`SELECT r."action", v."projectId", v."version" FROM "ExportRun" r JOIN "SplitVersion" v ON v."id" = r."splitVersionId" WHERE r."id" = ${runId}`);
      await removeExportRunFiles(d, runId); // an earlier attempt's
      const actor = { actorId: null, actorLabel: `export run ${runId}` };
      const progress = (done: number, total: number) => onProgress(done, total);
      let result: ExportResult;
      try {
        privateDataDir(dataDir(), SCRATCH); // the run's folder is made (700) by the export
        result =
          run.action === "freeze"
            ? await freezeSplitVersion(run.projectId, run.version, dir, actor, { db: d, onProgress: progress })
            : await exportVerified(run.projectId, run.version, dir, { db: d, onProgress: progress });
        for (const name of fs.readdirSync(dir)) await storeLocalFile(d, runFiles(runId) + name, path.join(dir, name));
      } catch (e) {
        await removeExportRunFiles(d, runId).catch(() => undefined); // no partial files, on disk or in the database
        if (diskFull(e)) {
          throw new AppError(
            "insufficient_storage",
            `The disk under DATA_DIR is full (${path.dirname(dir)}, this worker's scratch space for exports), so nothing of this export was kept. Free space there and run the export again.`,
          );
        }
        throw e;
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
      await d.tx((t) =>
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
    describeError: (e) => (e instanceof LeakageError ? [e.message, ...e.offenders(20)].join("\n") : e instanceof AppError ? e.message : "the export stopped on an internal error"),
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

/** A run as the pages show it: its job state, and the sizes of its manifest and dataset card as stored. */
async function runInfo(q: Queryable, r: z.output<typeof Run>): Promise<ExportRunInfo> {
  const stored = r.status === "succeeded" ? await storedFilesUnder(q, runFiles(r.id)) : [];
  const sizeOf = (name: string) => stored.find((f) => f.key === runFiles(r.id) + name)?.bytes ?? null;
  const extras = r.status === "succeeded" ? EXTRA_FILES.map((name) => ({ name, bytes: sizeOf(name) })) : [];
  const { records, ...run } = r;
  return { ...withJobState(run), extras, warnings: records ? exportWarnings({ records: records as Record<Split, Record<string, number>> }) : [] };
}

export async function exportRunInfo(runId: number, q: Queryable = db()): Promise<ExportRunInfo> {
  const r = await q.maybe(Run, sql`${RUN} WHERE r."id" = ${runId}`);
  if (!r) throw new AppError("not_found", `Export run ${runId} does not exist.`);
  return runInfo(q, r);
}

/** The runs of a project's split versions, newest first. */
export async function exportRunsOf(projectId: number): Promise<ExportRunInfo[]> {
  return Promise.all((await db().many(Run, sql`${RUN} WHERE v."projectId" = ${projectId} ORDER BY r."id" DESC LIMIT 100`)).map((r) => runInfo(db(), r)));
}

/** One stored file of a finished run of this project, or a not-found error: names come from the run's own list. */
export async function exportRunFile(projectId: number, runId: number, name: string): Promise<StoredFileInfo> {
  const r = await db().maybe(Run, sql`${RUN} WHERE r."id" = ${runId} AND v."projectId" = ${projectId}`);
  const listed = r?.status === "succeeded" ? r.files.find((f) => f.name === name) : undefined;
  const extra = r?.status === "succeeded" && EXTRA_FILES.includes(name);
  if (!listed && !extra) throw new AppError("not_found", `Export run ${runId} has no file "${name}".`);
  const file = await storedFile(db(), runFiles(runId) + name);
  if (!file) throw new AppError("not_found", `The files of export run ${runId} are gone from the database (a restore leaves exports out); run the export again.`);
  return file;
}
