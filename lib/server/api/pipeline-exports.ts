import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { AppError } from "../../errors";
import { assertProjectAccess } from "../projects/assert-project-access";
import { rawDb } from "../raw-db";
import { exportRunInfo, launchExportRun, requestExport } from "../splits/export-runs";
import { stmt, type Sqlite } from "../sqlite";

/** An export run of this project as the API shows it: its files with the URLs that stream them. */
export async function exportForApi(user: SessionUser, input: { projectId: number; exportId: number }, db: Sqlite = rawDb()) {
  await assertProjectAccess(user, input.projectId);
  const owner = stmt(db, `SELECT v.projectId FROM ExportRun r JOIN SplitVersion v ON v.id = r.splitVersionId WHERE r.id = ?`).pluck().get(input.exportId) as number | undefined;
  if (owner !== input.projectId) throw new AppError("not_found", `Project ${input.projectId} has no export ${input.exportId}.`);
  const run = exportRunInfo(input.exportId, db);
  const base = `/api/v1/projects/${input.projectId}/exports/${input.exportId}/files`;
  return { ...run, files: run.files.map((f) => ({ ...f, url: `${base}/${encodeURIComponent(f.name)}` })) };
}

/** Starts an export of a split version (the latest unless named) in a runner process; returns the run. */
export async function startExport(user: SessionUser, input: { projectId: number; version?: number }, db: Sqlite = rawDb()) {
  await assertProjectAccess(user, input.projectId);
  const version = input.version ?? (stmt(db, `SELECT MAX(version) FROM SplitVersion WHERE projectId = ?`).pluck().get(input.projectId) as number | null);
  if (version === null) throw new AppError("not_found", `Project ${input.projectId} has no split version yet; make one on its Splits page first.`);
  const exportId = requestExport(input.projectId, version, "export", { actorId: user.id, actorLabel: user.email }, db);
  launchExportRun(exportId);
  return exportForApi(user, { projectId: input.projectId, exportId }, db);
}
