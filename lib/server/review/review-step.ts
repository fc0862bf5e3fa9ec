import "server-only";
import type { SessionUser } from "../../auth/current-user";
import type { VerdictInput } from "../../validation/verdict";
import type { ProjectSettings } from "../projects/assert-project-access";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { claimNextArtifact } from "./claim-next-artifact";
import { loadReviewItem } from "./load-review-item";
import type { ReviewItem } from "../../views/review";
import { skipArtifact } from "./skip-artifact";
import { submitVerdict } from "./submit-verdict";
import { undoLastVerdict } from "./undo-verdict";
import type { AnnotatorTotals, ReviewStep } from "../../views/review";

const Event = row({ id: col.int, decision: col.text, supersedesId: col.int.nullable(), createdAt: col.date });

async function totals(projectId: number, accountId: number, now: Date): Promise<AnnotatorTotals> {
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
  const events = await db().many(Event, sql`SELECT "id", "decision", "supersedesId", "createdAt" FROM "VerdictEvent" WHERE "projectId" = ${projectId} AND "accountId" = ${accountId} ORDER BY "id"`);
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
  const claim = await claimNextArtifact(projectId, user.id, { now });
  if (!claim) return { item: null, totals: await totals(projectId, user.id, now) };
  return { item: await loadReviewItem(db(), projectId, claim.artifactId, { blind: project.blindMode, leaseExpiresAt: claim.expiresAt }), totals: null };
}

/** Records the verdict and hands back the next artifact in the same round trip. */
export async function verdictThenNext(user: SessionUser, project: ProjectSettings, verdict: VerdictInput): Promise<ReviewStep & { status: string }> {
  const { state } = await submitVerdict(project.id, { actorId: user.id, actorLabel: user.email }, verdict);
  return { ...(await nextReviewStep(user, project)), status: state.status };
}

export async function skipThenNext(user: SessionUser, project: ProjectSettings, artifactId: string): Promise<ReviewStep> {
  await skipArtifact(project.id, user.id, artifactId);
  return nextReviewStep(user, project);
}

/** Undoes the last verdict; the undone artifact is the next step (its lease is open again). */
export async function undoThenResume(user: SessionUser, project: ProjectSettings): Promise<ReviewStep> {
  const projectId = project.id;
  const { artifactId, leaseExpiresAt } = await undoLastVerdict(projectId, { actorId: user.id, actorLabel: user.email });
  return { item: await loadReviewItem(db(), projectId, artifactId, { blind: project.blindMode, leaseExpiresAt }), totals: null };
}
