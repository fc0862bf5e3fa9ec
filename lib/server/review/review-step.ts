import "server-only";
import type { SessionUser } from "../../auth/current-user";
import type { VerdictInput } from "../../validation/verdict";
import type { ProjectSettings } from "../projects/assert-project-access";
import { rawDb } from "../raw-db";
import { sqlDate, whenWritable } from "../sqlite";
import { claimNextArtifact } from "./claim-next-artifact";
import { loadReviewItem, type ReviewItem } from "./load-review-item";
import { skipArtifact } from "./skip-artifact";
import { submitVerdict } from "./submit-verdict";
import { undoLastVerdict } from "./undo-verdict";

export interface AnnotatorTotals {
  today: number;
  total: number;
  accepted: number;
  edited: number;
  rejected: number;
}

/** What the review screen shows next: an artifact under lease, or the empty queue with the annotator's totals. */
export type ReviewStep = { item: ReviewItem; totals: null } | { item: null; totals: AnnotatorTotals };

function totals(projectId: number, accountId: number, now: Date): AnnotatorTotals {
  const dayStart = sqlDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())));
  const events = rawDb()
    .prepare(`SELECT id, decision, supersedesId, createdAt FROM VerdictEvent WHERE projectId = ? AND accountId = ? ORDER BY id`)
    .all(projectId, accountId) as { id: number; decision: string; supersedesId: number | null; createdAt: string }[];
  // live verdicts only: a retraction cancels the verdict it supersedes
  const retracted = new Set(events.filter((e) => e.decision === "retract").map((e) => e.supersedesId));
  const rows = events.filter((e) => e.decision !== "retract" && !retracted.has(e.id));
  return {
    today: rows.filter((r) => r.createdAt >= dayStart).length,
    total: rows.length,
    accepted: rows.filter((r) => r.decision === "accept").length,
    edited: rows.filter((r) => r.decision === "edit").length,
    rejected: rows.filter((r) => r.decision === "reject").length,
  };
}

/** Claims (or resumes) the user's next artifact and loads it. `project` comes from the guard, which checked the user may enter it. */
export async function nextReviewStep(user: SessionUser, project: ProjectSettings): Promise<ReviewStep> {
  const projectId = project.id;
  const now = new Date();
  const claim = await whenWritable(() => claimNextArtifact(projectId, user.id, { now }));
  if (!claim) return { item: null, totals: totals(projectId, user.id, now) };
  return { item: loadReviewItem(rawDb(), projectId, claim.artifactId, { blind: project.blindMode, leaseExpiresAt: claim.expiresAt }), totals: null };
}

/** Records the verdict and hands back the next artifact in the same round trip. */
export async function verdictThenNext(user: SessionUser, project: ProjectSettings, verdict: VerdictInput): Promise<ReviewStep & { status: string }> {
  const { state } = await whenWritable(() => submitVerdict(project.id, { actorId: user.id, actorLabel: user.email }, verdict));
  return { ...(await nextReviewStep(user, project)), status: state.status };
}

export async function skipThenNext(user: SessionUser, project: ProjectSettings, artifactId: string): Promise<ReviewStep> {
  await whenWritable(() => skipArtifact(project.id, user.id, artifactId));
  return nextReviewStep(user, project);
}

/** Undoes the last verdict; the undone artifact is the next step (its lease is open again). */
export async function undoThenResume(user: SessionUser, project: ProjectSettings): Promise<ReviewStep> {
  const projectId = project.id;
  const { artifactId, leaseExpiresAt } = await whenWritable(() => undoLastVerdict(projectId, { actorId: user.id, actorLabel: user.email }));
  return { item: loadReviewItem(rawDb(), projectId, artifactId, { blind: project.blindMode, leaseExpiresAt }), totals: null };
}
