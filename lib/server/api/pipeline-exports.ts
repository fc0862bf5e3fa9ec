import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { AppError } from "../../errors";
import { requestExport } from "../splits/export-runs";
import { latestSplitVersion } from "../splits/list-split-versions";
import { exportForApi } from "./pipeline-jobs";

// Reached through guardApi only, which has loaded the project with the token owner's membership.

export { exportForApi };

/** Queues an export of a split version (the latest unless named) for a worker; returns the run. */
export async function startExport(user: SessionUser, input: { projectId: number; version?: number }) {
  const version = input.version ?? (await latestSplitVersion(input.projectId));
  if (version === null) throw new AppError("not_found", `Project ${input.projectId} has no split version yet; make one first (POST /api/v1/projects/${input.projectId}/splits).`);
  const exportId = await requestExport(input.projectId, version, "export", { actorId: user.id, actorLabel: user.email });
  return exportForApi({ projectId: input.projectId, exportId });
}
