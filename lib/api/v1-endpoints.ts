import { z } from "zod";
import type { TokenScope } from "../server/auth/api-tokens";
import type { Permission } from "../auth/roles";
import { EXPORT_FILE_TYPES } from "../domain/sft/file-types";
import * as s from "./v1-schemas";
import * as lead from "../validation/lead-actions";

/**
 * Every route of the pipeline API in one table: its path (OpenAPI style, under /api/v1), the token
 * scope and role permission it needs, the zod schema its input is parsed with (path, then query or
 * JSON body), and what it answers. The route files take their guard options from here and
 * lib/api/openapi.ts writes the OpenAPI document from it.
 */
export interface Endpoint {
  method: "get" | "post" | "patch";
  path: string;
  summary: string;
  description?: string;
  scope: TokenScope;
  permission: Permission;
  input: z.ZodObject;
  /** where the input's fields other than path parameters travel */
  inputIn: "query" | "body";
  /** a raw request body instead of JSON (the batch upload) */
  rawBody?: { contentType: string; description: string };
  headers?: Record<string, string>;
  /** the success answer: JSON of `schema`, or bytes of one of `contentTypes` */
  response: { status: number; description: string; schema?: z.ZodType; contentTypes?: readonly string[] };
  errors: number[];
  /** error statuses that answer with another shape than the usual error */
  errorBodies?: Record<number, { description: string; schema: z.ZodType }>;
}

const common = [400, 401, 403, 404, 422, 429];
const { projectPath } = s;

export const ENDPOINTS = {
  uploadBatch: {
    method: "post",
    path: "/projects/{projectId}/batches",
    summary: "Upload a JSON Lines batch",
    description:
      "The request body is a batch in the import format (docs/import-format.md), streamed: it is never held in memory whole. All or nothing: with any bad line, nothing is written and the answer is 422 with every bad line. An `Idempotency-Key` makes a retried upload a no-op that answers as the first one did.",
    scope: "write",
    permission: "import:run",
    input: s.uploadBatchInput,
    inputIn: "query",
    rawBody: { contentType: "application/x-ndjson", description: "JSON Lines records: user, post, artifact, verdict" },
    headers: { "Idempotency-Key": "any string up to 200 characters; the same key on the same project replays the first upload's result" },
    response: { status: 200, description: "the batch was imported", schema: s.importResponse },
    errors: [...common, 409, 413],
    errorBodies: { 422: { description: "bad lines: every one of them, and nothing was written", schema: s.importResponse } },
  },
  batch: {
    method: "get",
    path: "/projects/{projectId}/batches/{batchId}",
    summary: "The status and summary of an import",
    scope: "read",
    permission: "import:run",
    input: s.batchInput,
    inputIn: "query",
    response: { status: 200, description: "the batch", schema: s.batchStatus },
    errors: common,
  },
  verdicts: {
    method: "get",
    path: "/projects/{projectId}/verdicts",
    summary: "Verdict events in order, a page at a time",
    description:
      "Every verdict event of the project (reviews, imports, retractions) in the order they were recorded. Pass the `next` cursor of a page as `since` to get the events after it: none is missed or repeated, even while annotators keep working.",
    scope: "read",
    permission: "split:manage",
    input: s.verdictsInput,
    inputIn: "query",
    response: { status: 200, description: "a page of events", schema: s.verdictPage },
    errors: common,
  },
  artifact: {
    method: "get",
    path: "/projects/{projectId}/artifacts/{artifactId}",
    summary: "An artifact with its status, final content and verdicts",
    scope: "read",
    permission: "project:manage",
    input: s.artifactInput,
    inputIn: "query",
    response: { status: 200, description: "the artifact", schema: s.artifactDetail },
    errors: common,
  },
  currentRules: {
    method: "get",
    path: "/projects/{projectId}/rules/current",
    summary: "The project's current QC rule set",
    scope: "read",
    permission: "project:read",
    input: projectPath,
    inputIn: "query",
    response: { status: 200, description: "the rule set", schema: s.ruleSet },
    errors: common,
  },
  rulesVersion: {
    method: "get",
    path: "/projects/{projectId}/rules/{version}",
    summary: "A version of the project's QC rule set",
    scope: "read",
    permission: "project:read",
    input: s.rulesVersionInput,
    inputIn: "query",
    response: { status: 200, description: "the rule set", schema: s.ruleSet },
    errors: common,
  },
  startExport: {
    method: "post",
    path: "/projects/{projectId}/exports",
    summary: "Start an export of a split version",
    description:
      "The export runs in the background; follow it with GET .../exports/{exportId}. Refused (409) while the same version is being exported, or when its splits leak (the run fails with the reason).",
    scope: "write",
    permission: "split:manage",
    input: s.startExportInput,
    inputIn: "body",
    response: { status: 202, description: "the export started", schema: s.exportRun },
    errors: [...common, 409],
  },
  export: {
    method: "get",
    path: "/projects/{projectId}/exports/{exportId}",
    summary: "The progress of an export, and its files once it succeeded",
    scope: "read",
    permission: "split:manage",
    input: s.exportInput,
    inputIn: "query",
    response: { status: 200, description: "the export", schema: s.exportRun },
    errors: common,
  },
  exportFile: {
    method: "get",
    path: "/projects/{projectId}/exports/{exportId}/files/{name}",
    summary: "One file of a finished export, streamed",
    scope: "read",
    permission: "split:manage",
    input: s.exportFileInput,
    inputIn: "query",
    response: {
      status: 200,
      description: "the file's bytes: JSON Lines, JSON, Markdown or tab-separated text, by its name",
      contentTypes: Object.values(EXPORT_FILE_TYPES).map((t) => t.split(";")[0]),
    },
    errors: common,
  },
  listProjects: {
    method: "get",
    path: "/projects",
    summary: "The projects the token's owner may see",
    scope: "read",
    permission: "project:read",
    input: z.object({}),
    inputIn: "query",
    response: { status: 200, description: "the projects, newest first, with artifacts by status", schema: s.projectList },
    errors: [401, 403, 429],
  },
  createProject: {
    method: "post",
    path: "/projects",
    summary: "Create a project",
    description: "Settings left out take their defaults. A lead who creates a project becomes its member. 409 when the name is taken.",
    scope: "write",
    permission: "project:manage",
    input: lead.newProjectInput,
    inputIn: "body",
    response: { status: 201, description: "the project", schema: s.projectDetail },
    errors: [400, 401, 403, 409, 415, 422, 429],
  },
  project: {
    method: "get",
    path: "/projects/{projectId}",
    summary: "A project: settings, members, and artifacts by review status",
    description: "A release script polls this until nothing is pending, in review or disputed.",
    scope: "read",
    permission: "project:read",
    input: projectPath,
    inputIn: "query",
    response: { status: 200, description: "the project", schema: s.projectDetail },
    errors: common,
  },
  changeSettings: {
    method: "patch",
    path: "/projects/{projectId}",
    summary: "Change a project's settings",
    description: "Only the settings named change. The audit log keeps what they were.",
    scope: "write",
    permission: "project:manage",
    input: lead.settingsPatchInput,
    inputIn: "body",
    response: { status: 200, description: "the project", schema: s.projectDetail },
    errors: [...common],
  },
  assignMembers: {
    method: "post",
    path: "/projects/{projectId}/members",
    summary: "Assign annotators or leads by email",
    description: "Adds the accounts to the role's members, or with `replace` makes them its only ones. Each email must be an active account of that role.",
    scope: "write",
    permission: "project:manage",
    input: lead.membersInput,
    inputIn: "body",
    response: { status: 200, description: "the project with its members", schema: s.projectDetail },
    errors: [...common, 409],
  },
  setGold: {
    method: "post",
    path: "/projects/{projectId}/artifacts/{artifactId}/gold",
    summary: "Mark an artifact as gold with its known answer, or take the mark off",
    scope: "write",
    permission: "project:manage",
    input: lead.goldInput,
    inputIn: "body",
    response: { status: 200, description: "the mark", schema: s.goldMark },
    errors: [...common],
  },
  listSplits: {
    method: "get",
    path: "/projects/{projectId}/splits",
    summary: "The project's split versions, newest first",
    scope: "read",
    permission: "split:manage",
    input: projectPath,
    inputIn: "query",
    response: { status: 200, description: "the versions with users and artifacts per split", schema: s.splitVersions },
    errors: common,
  },
  makeSplit: {
    method: "post",
    path: "/projects/{projectId}/splits",
    summary: "Make a split version (a job)",
    description:
      'Every final accepted artifact, split by user (seeded, stratified by platform); users in the test split of the latest frozen version stay in test. Seed and ratios are optional (default: "v" and the version\'s number, 0.8/0.1/0.1). Follow the job at its `url`; its result is the version with its counts.',
    scope: "write",
    permission: "split:manage",
    input: lead.newSplitInput,
    inputIn: "body",
    response: { status: 202, description: "the job (finished already for a small project)", schema: s.job },
    errors: [...common, 409],
  },
  freezeSplit: {
    method: "post",
    path: "/projects/{projectId}/splits/{version}/freeze",
    summary: "Freeze a split version (a job)",
    description: "Exports the version, records its manifest and locks it; every later export of it must reproduce the manifest. Refused (409) for a frozen version, or while it is being exported.",
    scope: "write",
    permission: "split:manage",
    input: lead.splitVersionInput,
    inputIn: "body",
    response: { status: 202, description: "the job; its result lists the files", schema: s.job },
    errors: [...common, 409],
  },
  calibration: {
    method: "get",
    path: "/projects/{projectId}/calibration",
    summary: "The calibration report of the judge against people's verdicts",
    description:
      "Per rubric key: how well the judge's scores agree with the final human labels, and proposed pass and reject thresholds at the run's precision target. `freshness` says what changed since the run.",
    scope: "read",
    permission: "rules:manage",
    input: lead.calibrationReportInput,
    inputIn: "query",
    response: { status: 200, description: "the report (null before a first run finished)", schema: s.calibration },
    errors: common,
  },
  calibrate: {
    method: "post",
    path: "/projects/{projectId}/calibration",
    summary: "Calibrate the judge again (a job)",
    scope: "write",
    permission: "rules:manage",
    input: lead.calibrateInput,
    inputIn: "body",
    response: { status: 202, description: "the job (finished already for a small project)", schema: s.job },
    errors: [...common, 409],
  },
  saveRules: {
    method: "post",
    path: "/projects/{projectId}/rules",
    summary: "Save a calibration's proposals as the next rule set version",
    description: "`keys` names the proposals to take (rubric keys of the run's report). Refused (409) when the rules changed since the run.",
    scope: "write",
    permission: "rules:manage",
    input: lead.saveRulesInput,
    inputIn: "body",
    response: { status: 201, description: "the new current rule set and what it changed", schema: s.savedRules },
    errors: [...common, 409],
  },
  triagePreview: {
    method: "get",
    path: "/projects/{projectId}/triage",
    summary: "What triage with the current rules would do",
    description: "Where the open artifacts would go, and on the artifacts people finished, how often the rules would have decided wrong.",
    scope: "read",
    permission: "rules:manage",
    input: projectPath,
    inputIn: "query",
    response: { status: 200, description: "the preview", schema: s.triagePreview },
    errors: common,
  },
  applyTriage: {
    method: "post",
    path: "/projects/{projectId}/triage",
    summary: "Apply triage with the current rules (a job)",
    scope: "write",
    permission: "rules:manage",
    input: projectPath,
    inputIn: "body",
    response: { status: 202, description: "the job; its result has the counts routed", schema: s.job },
    errors: [...common, 409],
  },
  job: {
    method: "get",
    path: "/projects/{projectId}/jobs/{jobId}",
    summary: "A job's status: progress, and its result once it ends",
    scope: "read",
    permission: "project:manage",
    input: lead.jobInput,
    inputIn: "query",
    response: { status: 200, description: "the job", schema: s.job },
    errors: common,
  },
  disputes: {
    method: "get",
    path: "/projects/{projectId}/disputes",
    summary: "Disputed artifacts waiting for a lead, the widest splits first",
    scope: "read",
    permission: "adjudicate",
    input: lead.disputesInput,
    inputIn: "query",
    response: { status: 200, description: "a page of disputes", schema: s.disputes },
    errors: common,
  },
  adjudicate: {
    method: "post",
    path: "/projects/{projectId}/artifacts/{artifactId}/adjudication",
    summary: "Record a lead's final decision on a disputed artifact",
    description: "accept, edit (with the content that ships) or reject (with reasons), with a note. 409 when the artifact is not disputed.",
    scope: "write",
    permission: "adjudicate",
    input: lead.adjudicateInput,
    inputIn: "body",
    response: { status: 201, description: "recorded", schema: s.adjudicated },
    errors: [...common, 409],
  },
} satisfies Record<string, Endpoint>;
