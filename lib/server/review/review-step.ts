import "server-only";
import type { SessionUser } from "../../auth/current-user";
import type { VerdictInput } from "../../validation/verdict";
import type { ProjectSettings } from "../projects/assert-project-access";
import { db } from "../../db/client";
import { AppError } from "../../errors";
import { keysLackingLabels } from "../qc/calibration-needs";
import { claimNextArtifact } from "./claim-next-artifact";
import { loadReviewItem } from "./load-review-item";
import { skipArtifact } from "./skip-artifact";
import { submitVerdict } from "./submit-verdict";
import { undoLastVerdict } from "./undo-verdict";
import type { ReviewStep } from "../../views/review";
import { startOfDay } from "../../domain/day-start";
import { reviewProgress } from "./review-progress";

/** Claims (or resumes) the user's next artifact and loads it. `project` comes from the guard, which checked the user may enter it. */
export async function nextReviewStep(user: SessionUser, project: ProjectSettings, dayStart?: string, counts: { total: boolean } = { total: true }): Promise<ReviewStep> {
  const projectId = project.id;
  if (project.archivedAt) throw new AppError("conflict", `Project ${project.name} is archived: it has no queue. A lead can restore it in its settings.`);
  const now = new Date();
  const first = project.calibrationFirst ? await keysLackingLabels(projectId) : [];
  const claim = await claimNextArtifact(projectId, user.id, { now, first });
  const [item, progress] = await Promise.all([
    claim ? loadReviewItem(db(), projectId, claim.artifactId, { blind: project.blindMode, leaseExpiresAt: claim.expiresAt }) : null,
    reviewProgress(projectId, user.id, project.overlap, startOfDay(now, dayStart), claim?.artifactId ?? null, { total: counts.total, breakdown: !claim }),
  ]);
  return { item, progress };
}

/** Records the verdict and hands back the next artifact in the same round trip. */
export async function verdictThenNext(user: SessionUser, project: ProjectSettings, verdict: VerdictInput, dayStart?: string): Promise<ReviewStep & { status: string }> {
  const { state } = await submitVerdict(project.id, { actorId: user.id, actorLabel: user.email }, verdict);
  return { ...(await nextReviewStep(user, project, dayStart, { total: false })), status: state.status };
}

export async function skipThenNext(user: SessionUser, project: ProjectSettings, artifactId: string, dayStart?: string): Promise<ReviewStep> {
  await skipArtifact(project.id, user.id, artifactId);
  return nextReviewStep(user, project, dayStart, { total: false });
}

/** Undoes the last verdict; the undone artifact is the next step (its lease is open again). */
export async function undoThenResume(user: SessionUser, project: ProjectSettings, dayStart?: string): Promise<ReviewStep> {
  const projectId = project.id;
  const { artifactId, leaseExpiresAt } = await undoLastVerdict(projectId, { actorId: user.id, actorLabel: user.email });
  const [item, progress] = await Promise.all([
    loadReviewItem(db(), projectId, artifactId, { blind: project.blindMode, leaseExpiresAt }),
    reviewProgress(projectId, user.id, project.overlap, startOfDay(new Date(), dayStart), artifactId),
  ]);
  return { item, progress };
}
