import "server-only";
import { AppError } from "../../errors";
import type { JobRunState } from "../../views/jobs";
import { calibrationRun } from "../qc/calibration-runs";
import { triageRunInfo } from "../qc/triage-runs";
import { exportRunInfo } from "../splits/export-runs";
import { splitRun } from "../splits/split-runs";

// A lead's long actions (making a split version, freezing and exporting one, calibrating the judge,
// applying triage) are jobs; the API answers each start with the job, and the job's own resource
// follows it to its end: GET /api/v1/projects/{projectId}/jobs/{jobId}. Reached through guardApi only.

export type ApiJobKind = "split" | "export" | "freeze" | "triage" | "calibration";

export interface ApiJob {
  /** "split-3": the run's table and id */
  id: string;
  kind: ApiJobKind;
  status: JobRunState["status"];
  progress: number;
  done: number | null;
  total: number | null;
  error: string | null;
  waiting: boolean;
  stalled: boolean;
  createdAt: string;
  finishedAt: string | null;
  /** where to follow it */
  url: string;
  /** once it succeeded: what it made (the version, the export's files, the triage counts, the report's summary) */
  result: unknown;
}

const base = (projectId: number) => `/api/v1/projects/${projectId}`;

function apiJob(projectId: number, id: string, kind: ApiJobKind, run: JobRunState, result: unknown): ApiJob {
  const { status, progress, done, total, error, waiting, stalled, createdAt, finishedAt } = run;
  return { id, kind, status, progress, done, total, error, waiting, stalled, createdAt, finishedAt, url: `${base(projectId)}/jobs/${id}`, result: status === "succeeded" ? result : null };
}

/** An export run as the API shows it: its files and the manifest and card beside them, with the URLs that stream them. */
export async function exportForApi(input: { projectId: number; exportId: number }) {
  const run = await exportRunInfo(input.exportId).catch(() => null);
  if (!run || run.projectId !== input.projectId) throw new AppError("not_found", `Project ${input.projectId} has no export ${input.exportId}.`);
  const url = (name: string) => `${base(input.projectId)}/exports/${input.exportId}/files/${encodeURIComponent(name)}`;
  const { projectId: _, extras, ...shown } = run;
  return {
    ...shown,
    files: run.files.map((f) => ({ ...f, url: url(f.name) })),
    extras: extras.filter((f) => f.bytes !== null).map((f) => ({ name: f.name, bytes: f.bytes!, url: url(f.name) })),
  };
}

/** One job of the project, by the id the API answered with. */
export async function jobForApi(input: { projectId: number; jobId: string }): Promise<ApiJob> {
  const [prefix, n] = input.jobId.split("-");
  const id = Number(n);
  const { projectId } = input;
  switch (prefix) {
    case "split": {
      const run = await splitRun(projectId, id);
      return apiJob(projectId, input.jobId, "split", run, run.result);
    }
    case "export": {
      const run = await exportForApi({ projectId, exportId: id });
      return apiJob(projectId, input.jobId, run.action, run, { version: run.version, files: run.files, extras: run.extras, warnings: run.warnings, export: `${base(projectId)}/exports/${id}` });
    }
    case "triage": {
      const run = await triageRunInfo(id, undefined, projectId);
      return apiJob(projectId, input.jobId, "triage", run, run.result);
    }
    case "calibration": {
      const run = await calibrationRun(projectId, id);
      return apiJob(projectId, input.jobId, "calibration", run, run.report ? { runId: run.id, report: `${base(projectId)}/calibration?runId=${run.id}` } : null);
    }
  }
  throw new AppError("not_found", `Project ${projectId} has no job ${input.jobId}.`);
}
