import { z } from "zod";
import { HTTP_STATUS, type ErrorCode } from "../errors";

// The pipeline API's shapes, as zod schemas: the routes validate their input with them and the
// OpenAPI document (lib/api/openapi.ts) is generated from them, so the two cannot drift apart.

const id = (what: string) =>
  z.coerce
    .number({ message: `${what} is a number` })
    .int(`${what} is a whole number`)
    .positive(`${what} is positive`);

export const projectPath = z.object({ projectId: id("projectId").meta({ description: "the project's id" }) });

export const uploadBatchInput = projectPath.extend({
  file: z.string().trim().max(300).default("pipeline.jsonl").meta({ description: "a name for the batch in reports and the audit log" }),
});

export const batchInput = projectPath.extend({ batchId: id("batchId") });

export const VERDICT_PAGE_MAX = 10_000;
export const verdictsInput = projectPath.extend({
  since: z.string().max(200).optional().meta({ description: "the `next` cursor of the previous page; absent: from the first verdict" }),
  limit: z.coerce.number().int("limit is a whole number").min(1, "limit is at least 1").max(VERDICT_PAGE_MAX, `limit is at most ${VERDICT_PAGE_MAX}`).default(1000),
});

export const artifactInput = projectPath.extend({ artifactId: z.string().min(1).max(500) });

export const rulesVersionInput = projectPath.extend({ version: id("version") });

export const startExportInput = projectPath.extend({
  version: id("version").optional().meta({ description: "the split version to export; absent: the latest" }),
});

export const exportInput = projectPath.extend({ exportId: id("exportId") });
export const exportFileInput = exportInput.extend({ name: z.string().min(1).max(200) });

// ---------- responses ----------

export const apiError = z.object({
  error: z.object({
    code: z.enum(Object.keys(HTTP_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

const issue = z.object({ line: z.number().int(), reason: z.string() });
const summary = z.object({
  users: z.number().int(),
  posts: z.number().int(),
  artifacts: z.number().int(),
  verdicts: z.number().int(),
  unchanged: z.number().int(),
  conflicts: z.number().int(),
});

export const importResponse = z.object({
  ok: z.boolean(),
  batchId: z.number().int(),
  summary,
  errorCount: z.number().int(),
  errors: z.array(issue).meta({ description: "every bad line (up to 100,000), in file order; nothing was written when there is any" }),
  conflicts: z.array(issue),
  replayed: z.boolean().meta({ description: "true when an earlier upload with the same Idempotency-Key did the work" }),
});

export const batchStatus = z.object({
  id: z.number().int(),
  fileName: z.string(),
  status: z.enum(["running", "succeeded", "failed"]),
  bytes: z.number().int(),
  lines: z.number().int(),
  summary,
  errorCount: z.number().int(),
  issues: z.array(issue).meta({ description: "the first bad lines and conflicts" }),
  idempotencyKey: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const verdictEvent = z.object({
  id: z.number().int(),
  artifactId: z.string(),
  annotator: z.string(),
  decision: z.enum(["accept", "edit", "reject", "retract"]),
  reasons: z.array(z.string()),
  content: z.unknown().nullable().meta({ description: "the edited content, for edits" }),
  diff: z.unknown().nullable(),
  comment: z.string().nullable(),
  seconds: z.number().nullable(),
  supersedes: z.number().int().nullable().meta({ description: "for a retraction: the verdict it takes back" }),
  source: z.enum(["review", "import"]),
  createdAt: z.string(),
});

export const verdictPage = z.object({
  events: z.array(verdictEvent),
  next: z.string().meta({ description: "pass as `since` for the events after these (the same cursor when there were none yet)" }),
  hasMore: z.boolean(),
});

export const artifactDetail = z.object({
  id: z.string(),
  uid: z.string(),
  platform: z.string(),
  kind: z.string(),
  flavor: z.string().nullable(),
  content: z.unknown(),
  status: z.enum(["pending", "in_review", "disputed", "accepted", "rejected"]),
  finalDecision: z.string().nullable(),
  finalContent: z.unknown().nullable().meta({ description: "the content that ships: the original, an accepted edit or an adjudicated merge" }),
  decidedBy: z.string().nullable(),
  finalizedAt: z.string().nullable(),
  source: z.string().nullable().meta({ description: "where the pipeline wrote it (a stage file and line), when the import said" }),
  verdicts: z.array(
    z.object({
      id: z.number().int(),
      annotator: z.string(),
      decision: z.string(),
      reasons: z.array(z.string()),
      comment: z.string().nullable(),
      source: z.string(),
      createdAt: z.string(),
      live: z.boolean(),
    }),
  ),
});

export const ruleSet = z.object({
  project: z.string(),
  version: z.number().int(),
  note: z.string(),
  createdAt: z.string().nullable().meta({ description: "when it was saved; null for version 1 while it is the built-in default, never saved" }),
  rules: z.unknown(),
});

export const exportRun = z.object({
  id: z.number().int(),
  version: z.number().int(),
  action: z.enum(["export", "freeze"]),
  status: z.enum(["running", "succeeded", "failed"]),
  progress: z.number(),
  done: z.number().int().nullable().describe("records written so far, while it runs"),
  total: z.number().int().nullable().describe("records to write"),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string(), url: z.string() })),
  extras: z.array(z.object({ name: z.string(), bytes: z.number().int(), url: z.string() })).meta({ description: "the manifest and dataset card of a finished run" }),
  warnings: z.array(z.string()).meta({ description: "what came out empty or lopsided: an empty split (left out of dataset_info.json), a task with no record, a small test set" }),
  error: z.string().nullable(),
  waiting: z.boolean().meta({ description: "queued, and no worker has taken it yet" }),
  stalled: z.boolean().meta({ description: "running, but its worker has not been heard from for minutes" }),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
