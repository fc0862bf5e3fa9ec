import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { can } from "../../auth/roles";
import { AppError } from "../../errors";
import type { MembersInput, NewProjectInput, NewSplitInput, SettingsPatch } from "../../validation/lead-actions";
import { adjudicate } from "../adjudication/adjudicate";
import { disputedArtifacts } from "../adjudication/adjudication-queue";
import { setGold } from "../items/set-gold";
import { assignMembers, membersInRole } from "../projects/assign-members";
import { createProject } from "../projects/create-project";
import { listProjects, statusCounts } from "../projects/list-projects";
import { PROJECT_COLUMNS, ProjectRow } from "../projects/project-row";
import { patchProjectSettings } from "../projects/update-project-settings";
import { calibrationFreshness, calibrationRun, calibrationRuns, refreshCalibration } from "../qc/calibration-runs";
import { pipelineJson } from "../qc/rule-sets";
import { saveProposals } from "../qc/save-proposals";
import { triagePreview } from "../qc/triage-preview";
import { requestTriage } from "../qc/triage-runs";
import type { Actor } from "../record-audit";
import { requestExport } from "../splits/export-runs";
import { listSplitVersions } from "../splits/list-split-versions";
import { makeSplitVersion } from "../splits/split-runs";
import { db } from "../../db/client";
import { sql } from "../../db/sql";
import { jobForApi, type ApiJob } from "./pipeline-jobs";

// The pipeline API's lead actions: each calls the use case the pages call, with the input the
// guard parsed (lib/validation/lead-actions.ts, shared with the CLI), and answers in the API's
// shapes (lib/api/v1-schemas.ts). Reached through guardApi only.

const actorOf = (user: SessionUser): Actor & { actorId: number } => ({ actorId: user.id, actorLabel: user.email });

/** A project as the API shows it: its settings, members and artifacts by review status. */
export async function projectForApi(projectId: number) {
  const p = await db().maybe(ProjectRow, sql`SELECT ${PROJECT_COLUMNS} FROM "Project" WHERE "id" = ${projectId}`);
  if (!p) throw new AppError("not_found", `Project ${projectId} does not exist.`);
  const counts = { pending: 0, in_review: 0, disputed: 0, accepted: 0, rejected: 0, ...(await statusCounts([projectId])).get(projectId) };
  const [annotators, leads] = await Promise.all([membersInRole(projectId, "annotator"), membersInRole(projectId, "lead")]);
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    settings: { overlap: p.overlap, leaseMinutes: p.leaseMinutes, goldRate: p.goldRate, blindMode: p.blindMode, labelMode: p.labelMode, calibrationFirst: p.calibrationFirst },
    archived: p.archivedAt !== null,
    artifacts: { total: Object.values(counts).reduce((a, b) => a + b, 0), ...counts },
    members: { annotators: annotators.map((m) => m.email), leads: leads.map((m) => m.email) },
    createdAt: p.createdAt,
  };
}

export async function listProjectsForApi(user: SessionUser) {
  const projects = await listProjects(user);
  return { projects: projects.map((p) => ({ id: p.id, name: p.name, description: p.description, total: p.total, done: p.done, byStatus: p.byStatus })) };
}

export async function createProjectForApi(user: SessionUser, input: NewProjectInput) {
  // an admin sees every project; a lead sees those they are a member of, so they join the one they make
  const made = await createProject(input, actorOf(user), { member: can(user.role, "project:all") ? undefined : user.id });
  return projectForApi(made.id);
}

export async function changeSettingsForApi(user: SessionUser, input: SettingsPatch) {
  await patchProjectSettings(input, actorOf(user));
  return projectForApi(input.projectId);
}

export async function assignMembersForApi(user: SessionUser, input: MembersInput) {
  await assignMembers(input, actorOf(user));
  return projectForApi(input.projectId);
}

export async function setGoldForApi(user: SessionUser, input: { projectId: number; artifactId: string; gold: "accept" | "reject" | "none" }) {
  return { artifactId: input.artifactId, ...(await setGold(input, actorOf(user))) };
}

export async function splitsForApi(projectId: number) {
  return { versions: await listSplitVersions(projectId) };
}

/** Makes a split version: at once for a small project, else on a worker; the job either way. */
export async function startSplitForApi(user: SessionUser, input: NewSplitInput): Promise<ApiJob> {
  const { projectId, seed, train, validation, test } = input;
  const ratios = train === undefined || validation === undefined || test === undefined ? undefined : { train, validation, test };
  const run = await makeSplitVersion(projectId, { seed, ratios }, actorOf(user));
  return jobForApi({ projectId, jobId: `split-${run.id}` });
}

export async function freezeForApi(user: SessionUser, input: { projectId: number; version: number }): Promise<ApiJob> {
  const id = await requestExport(input.projectId, input.version, "freeze", actorOf(user));
  return jobForApi({ projectId: input.projectId, jobId: `export-${id}` });
}

/** The calibration report: of the run named, else of the latest that finished, with what changed since. */
export async function calibrationForApi(input: { projectId: number; runId?: number }) {
  const { ready, latest } = await calibrationRuns(input.projectId);
  const run = input.runId ? await calibrationRun(input.projectId, input.runId) : ready;
  const freshness = await calibrationFreshness(input.projectId, run?.report ? run : null);
  const job = (r: { id: number }) => jobForApi({ projectId: input.projectId, jobId: `calibration-${r.id}` });
  return {
    runId: run?.id ?? null,
    target: run?.target ?? null,
    report: run?.report ?? null,
    freshness,
    latest: latest ? await job(latest) : null,
  };
}

export async function calibrateForApi(user: SessionUser, input: { projectId: number; target: number }): Promise<ApiJob> {
  const id = await refreshCalibration(input.projectId, input.target, actorOf(user));
  return jobForApi({ projectId: input.projectId, jobId: `calibration-${id}` });
}

export async function saveRulesForApi(user: SessionUser, input: { projectId: number; runId: number; keys: string[]; note: string }, projectName: string) {
  const { projectId, ...rest } = input;
  const { saved, changes } = await saveProposals(projectId, rest, actorOf(user));
  return { ...pipelineJson(projectName, saved), changes };
}

export async function triagePreviewForApi(projectId: number) {
  return triagePreview(projectId);
}

export async function applyTriageForApi(user: SessionUser, input: { projectId: number }): Promise<ApiJob> {
  const id = await requestTriage(input.projectId, actorOf(user));
  return jobForApi({ projectId: input.projectId, jobId: `triage-${id}` });
}

export async function disputesForApi(input: { projectId: number; limit: number; offset: number }) {
  const { rows, total } = await disputedArtifacts(input.projectId, input);
  return {
    total,
    disputes: rows.map(({ rank: _, label, ...r }) => ({ ...r, case: label, url: `/api/v1/projects/${input.projectId}/artifacts/${encodeURIComponent(r.id)}` })),
  };
}

export async function adjudicateForApi(
  user: SessionUser,
  input: { projectId: number; artifactId: string; decision: "accept" | "edit" | "reject"; reasons: string[]; content?: Record<string, unknown> | null; note: string },
) {
  const { projectId, ...decision } = input;
  const done = await adjudicate(projectId, actorOf(user), decision as Parameters<typeof adjudicate>[2]);
  return { artifactId: input.artifactId, ...done };
}
