import { EXPORT_FILE_TYPES } from "../domain/sft/file-types";
import { COMMON_ERRORS, type Endpoint } from "./endpoint";
import { LEAD_ENDPOINTS, WEBHOOK_ENDPOINTS } from "./v1-lead-endpoints";
import * as s from "./v1-schemas";

export type { Endpoint } from "./endpoint";

/**
 * Every route of the pipeline API in one table (lib/api/endpoint.ts says what a route holds): the
 * pipeline's reads, batches and exports here, a lead's actions and webhooks in v1-lead-endpoints.ts.
 */
const common = COMMON_ERRORS;

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
    input: s.projectPath,
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
  ...LEAD_ENDPOINTS,
  ...WEBHOOK_ENDPOINTS,
} satisfies Record<string, Endpoint>;
