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

// ---------- lead actions ----------

const jobKinds = z.enum(["split", "export", "freeze", "triage", "calibration"]);

export const job = z.object({
  id: z.string().meta({ description: "split-3, export-7, triage-2, calibration-5" }),
  kind: jobKinds,
  status: z.enum(["running", "succeeded", "failed"]),
  progress: z.number().meta({ description: "share done, 0..1" }),
  done: z.number().int().nullable().meta({ description: "units done (records, artifacts), where the job counts them" }),
  total: z.number().int().nullable(),
  error: z.string().nullable(),
  waiting: z.boolean().meta({ description: "queued, and no worker has taken it yet" }),
  stalled: z.boolean().meta({ description: "running, but its worker has not been heard from for minutes" }),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  url: z.string().meta({ description: "this job's status resource" }),
  result: z.unknown().nullable().meta({ description: "once it succeeded: the version made (split), the files (export, freeze), the counts (triage), the run and its report's URL (calibration)" }),
});

const statusCounts = z.object({
  total: z.number().int(),
  pending: z.number().int(),
  in_review: z.number().int(),
  disputed: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
});

export const projectDetail = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  settings: z.object({
    overlap: z.number().int(),
    leaseMinutes: z.number().int(),
    goldRate: z.number(),
    blindMode: z.boolean(),
    labelMode: z.string(),
    calibrationFirst: z.boolean(),
  }),
  archived: z.boolean(),
  artifacts: statusCounts.meta({ description: "artifacts by review status: a release waits until none is pending, in review or disputed" }),
  members: z.object({ annotators: z.array(z.string()), leads: z.array(z.string()) }),
  createdAt: z.string(),
});

export const projectList = z.object({
  projects: z.array(z.object({ id: z.number().int(), name: z.string(), description: z.string(), total: z.number().int(), done: z.number().int(), byStatus: z.record(z.string(), z.number().int()) })),
});

export const goldMark = z.object({ artifactId: z.string(), isGold: z.boolean(), goldDecision: z.enum(["accept", "reject"]).nullable() });

const perSplit = z.object({ users: z.number().int(), artifacts: z.number().int() });
export const splitVersions = z.object({
  versions: z.array(
    z.object({
      version: z.number().int(),
      status: z.enum(["draft", "frozen"]),
      seed: z.string(),
      ratios: z.object({ train: z.number(), validation: z.number(), test: z.number() }),
      createdAt: z.string(),
      frozenAt: z.string().nullable(),
      createdBy: z.string().nullable(),
      counts: z.object({ train: perSplit, validation: perSplit, test: perSplit }),
    }),
  ),
});

const thresholds = z.record(z.string(), z.number());
export const calibration = z.object({
  runId: z.number().int().nullable().meta({ description: "the run the report is of; null when none finished yet" }),
  target: z.number().nullable(),
  report: z
    .object({
      ranAt: z.string(),
      ruleSetVersion: z.number().int(),
      target: z.number(),
      rules: z.unknown(),
      keys: z.array(z.object({ key: z.string() }).loose()).meta({ description: "per rubric key (kind/flavor): labels, agreement of the judge with people, and proposed thresholds" }),
    })
    .nullable(),
  freshness: z.object({ newVerdicts: z.number().int(), newAdjudications: z.number().int(), rulesNow: z.number().int().nullable(), stale: z.boolean() }),
  latest: job.nullable().meta({ description: "a later run that is running or failed, if any" }),
});

export const savedRules = ruleSet.extend({
  changes: z.array(z.object({ key: z.string(), pass: z.object({ before: thresholds, after: thresholds }).nullable(), reject: z.object({ before: thresholds, after: thresholds }).nullable() })),
});

const routes = z.object({ auto_accept: z.number().int(), auto_reject: z.number().int(), human: z.number().int() });
export const triagePreview = z.object({
  ruleSetVersion: z.number().int(),
  calibrated: z.boolean(),
  open: routes,
  reviewed: z.object({
    total: z.number().int(),
    autoAccepted: z.number().int(),
    autoRejected: z.number().int(),
    wrong: z.number().int(),
    errorRate: z.union([z.object({ value: z.number(), low: z.number(), high: z.number(), n: z.number().int() }), z.object({ value: z.null(), reason: z.string(), n: z.number().int() })]),
    verdictsSaved: z.number().int(),
  }),
});

export const disputes = z.object({
  total: z.number().int(),
  disputes: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      flavor: z.string().nullable(),
      uid: z.string(),
      verdictCount: z.number().int(),
      accepts: z.number().int(),
      edits: z.number().int(),
      rejects: z.number().int(),
      case: z.string().meta({ description: "why it is disputed, in words" }),
      url: z.string(),
    }),
  ),
});

const webhookEndpoint = z.object({
  id: z.number().int(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  failedLastDay: z.number().int().meta({ description: "deliveries of the last day that failed for good" }),
});
export const webhookEndpoints = z.object({ endpoints: z.array(webhookEndpoint) });
export const createdWebhook = webhookEndpoint.extend({ secret: z.string().meta({ description: "whsec_...: the signing secret, shown this once" }) });
export const deletedWebhook = z.object({ id: z.number().int(), url: z.string() });
export const webhookDelivery = z.object({
  id: z.number().int(),
  endpointId: z.number().int(),
  url: z.string(),
  eventType: z.string(),
  messageId: z.string().meta({ description: "the webhook-id header: the same on every attempt and redelivery" }),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
});
export const webhookDeliveries = z.object({ deliveries: z.array(webhookDelivery) });

export const adjudicated = z.object({ artifactId: z.string(), adjudicationId: z.number().int(), status: z.string() });
