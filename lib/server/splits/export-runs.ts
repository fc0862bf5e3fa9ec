import "server-only";
import fs from "node:fs";
import path from "node:path";
import { databaseFile } from "../../env";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import { performJob } from "../perform-job";
import { sqlDate, stmt, type Sqlite } from "../sqlite";
import { rawDb } from "../raw-db";
import { isStalled, launchRunner, STALL_MS } from "../launch-runner";
import type { Actor } from "../record-audit";
import { LeakageError, type ExportedFile } from "./export-split-version";
import { exportVerified, freezeSplitVersion } from "./freeze-split-version";

export type ExportAction = "export" | "freeze";

export interface ExportRunInfo {
  id: number;
  version: number;
  action: ExportAction;
  status: "running" | "succeeded" | "failed";
  progress: number;
  files: ExportedFile[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** a running export whose runner has not been heard from for STALL_MS */
  stalled: boolean;
}

/** Where a run's files go: beside the database, so one volume holds everything the workbench keeps. */
export function exportRunDir(runId: number, url?: string): string {
  return path.join(path.dirname(databaseFile(url)), "exports", `run-${runId}`);
}

/**
 * Records an export (or a freeze) of a split version for the runner to do and returns its id.
 * Refuses a second run of the same version while one is running, and a freeze of a frozen version.
 */
export function requestExport(projectId: number, version: number, action: ExportAction, actor: Actor, db: Sqlite = rawDb()): number {
  const v = stmt(db, `SELECT id, status FROM SplitVersion WHERE projectId = ? AND version = ?`).get(projectId, version) as { id: number; status: string } | undefined;
  if (!v) throw new AppError("not_found", `Project ${projectId} has no split version ${version}.`);
  if (action === "freeze" && v.status === "frozen") throw new AppError("conflict", `Version ${version} is already frozen.`);
  const now = Date.now();
  const busy = stmt(db, `SELECT updatedAt FROM ExportRun WHERE splitVersionId = ? AND status = 'running'`).pluck().all(v.id) as (string | null)[];
  if (busy.some((at) => at !== null && now - Date.parse(at) < STALL_MS)) {
    throw new AppError("conflict", `Version ${version} is being exported already; wait for that run to finish.`);
  }
  const at = sqlDate(new Date(now));
  const id = Number(
    stmt(db, `INSERT INTO ExportRun (splitVersionId, action, status, progress, createdById, createdAt, updatedAt) VALUES (?, ?, 'running', 0, ?, ?, ?)`).run(
      v.id, action, actor.actorId ?? null, at, at,
    ).lastInsertRowid,
  );
  writeAudit(db, { ...actor, action: action === "freeze" ? "split.freeze_requested" : "export.requested", entityType: "ExportRun", entityId: id, projectId, after: { version } });
  return id;
}

/** Starts the runner of a requested run in a process of its own (see launchRunner). */
export function launchExportRun(runId: number): void {
  launchRunner("run-export", runId);
}

/**
 * Does a requested run: exports the version into the run's folder (checking a frozen version's
 * files against its manifest) or freezes it, with progress and a heartbeat written through a second
 * connection, then records the files or the error. Returns the finished run.
 */
export function performExportRun(runId: number, url?: string): ExportRunInfo {
  const dir = exportRunDir(runId, url);
  return performJob({
    table: "ExportRun",
    id: runId,
    url,
    label: `Export run ${runId}`,
    work: ({ db, onProgress }) => {
      const run = stmt(db, `SELECT r.action, v.projectId, v.version FROM ExportRun r JOIN SplitVersion v ON v.id = r.splitVersionId WHERE r.id = ?`).get(runId) as {
        action: ExportAction;
        projectId: number;
        version: number;
      };
      fs.rmSync(dir, { recursive: true, force: true });
      const actor = { actorId: null, actorLabel: `export run ${runId}` };
      const progress = (done: number, total: number) => onProgress(total ? done / total : 1);
      const result =
        run.action === "freeze" ? freezeSplitVersion(run.projectId, run.version, dir, actor, { db, onProgress: progress }) : exportVerified(run.projectId, run.version, dir, { db, onProgress: progress });
      writeAudit(db, { ...actor, action: "export.written", entityType: "ExportRun", entityId: runId, projectId: run.projectId, after: { version: run.version, action: run.action, files: result.files } });
      return { filesJson: JSON.stringify(result.files) };
    },
    describeError: (e) => {
      fs.rmSync(dir, { recursive: true, force: true }); // no partial files
      return e instanceof LeakageError ? [e.message, ...e.offenders(20)].join("\n") : e instanceof AppError ? e.message : "the export stopped on an internal error";
    },
    result: (db) => exportRunInfo(runId, db),
  });
}

export function exportRunInfo(runId: number, db: Sqlite = rawDb()): ExportRunInfo {
  const r = stmt(
    db,
    `SELECT r.id, v.version, r.action, r.status, r.progress, r.filesJson, r.error, r.createdAt, r.updatedAt, r.finishedAt
     FROM ExportRun r JOIN SplitVersion v ON v.id = r.splitVersionId WHERE r.id = ?`,
  ).get(runId) as (Omit<ExportRunInfo, "files" | "stalled"> & { filesJson: string; updatedAt: string | null }) | undefined;
  if (!r) throw new AppError("not_found", `Export run ${runId} does not exist.`);
  return toInfo(r);
}

function toInfo(r: Omit<ExportRunInfo, "files" | "stalled"> & { filesJson: string; updatedAt: string | null }): ExportRunInfo {
  const { filesJson, updatedAt, ...rest } = r;
  const stalled = isStalled(r.status, updatedAt);
  return { ...rest, files: JSON.parse(filesJson) as ExportedFile[], stalled };
}

/** The runs of a project's split versions, newest first. */
export function exportRunsOf(projectId: number, db: Sqlite = rawDb()): ExportRunInfo[] {
  const rows = stmt(
    db,
    `SELECT r.id, v.version, r.action, r.status, r.progress, r.filesJson, r.error, r.createdAt, r.updatedAt, r.finishedAt
     FROM ExportRun r JOIN SplitVersion v ON v.id = r.splitVersionId WHERE v.projectId = ? ORDER BY r.id DESC LIMIT 100`,
  ).all(projectId) as (Omit<ExportRunInfo, "files" | "stalled"> & { filesJson: string; updatedAt: string | null })[];
  return rows.map(toInfo);
}

/** The path of one file of a finished run of this project, or a not-found error: names come from the run's own list. */
export function exportRunFile(projectId: number, runId: number, name: string, db: Sqlite = rawDb()): { file: string; bytes: number } {
  const r = stmt(db, `SELECT r.status, r.filesJson FROM ExportRun r JOIN SplitVersion v ON v.id = r.splitVersionId WHERE r.id = ? AND v.projectId = ?`).get(runId, projectId) as
    | { status: string; filesJson: string }
    | undefined;
  const listed = r?.status === "succeeded" ? (JSON.parse(r.filesJson) as ExportedFile[]).find((f) => f.name === name) : undefined;
  const extra = r?.status === "succeeded" && (name === "manifest.json" || name === "README.md");
  if (!listed && !extra) throw new AppError("not_found", `Export run ${runId} has no file "${name}".`);
  const file = path.join(exportRunDir(runId), path.basename(name));
  if (!fs.existsSync(file)) throw new AppError("not_found", `The files of export run ${runId} are gone from the server; run the export again.`);
  return { file, bytes: fs.statSync(file).size };
}

