import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { AppError } from "../../errors";
import { exportRunInfo, requestExport } from "../splits/export-runs";
import { latestSplitVersion } from "../splits/list-split-versions";

// Reached through guardApi only, which has loaded the project with the token owner's membership.

/** An export run of this project as the API shows it: its files with the URLs that stream them. */
export async function exportForApi(input: { projectId: number; exportId: number }) {
  const run = await exportRunInfo(input.exportId).catch(() => null);
  if (!run || run.projectId !== input.projectId) throw new AppError("not_found", `Project ${input.projectId} has no export ${input.exportId}.`);
  const base = `/api/v1/projects/${input.projectId}/exports/${input.exportId}/files`;
  const { projectId: _, extras: __, warnings: ___, ...shown } = run;
  return { ...shown, files: run.files.map((f) => ({ ...f, url: `${base}/${encodeURIComponent(f.name)}` })) };
}

/** Queues an export of a split version (the latest unless named) for a worker; returns the run. */
export async function startExport(user: SessionUser, input: { projectId: number; version?: number }) {
  const version = input.version ?? (await latestSplitVersion(input.projectId));
  if (version === null) throw new AppError("not_found", `Project ${input.projectId} has no split version yet; make one on its Splits page first.`);
  const exportId = await requestExport(input.projectId, version, "export", { actorId: user.id, actorLabel: user.email });
  return exportForApi({ projectId: input.projectId, exportId });
}
