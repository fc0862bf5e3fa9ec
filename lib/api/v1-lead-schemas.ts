import { z } from "zod";
import { ruleSet } from "./v1-schemas";

// The answers of the pipeline API's lead actions and webhooks (lib/api/v1-lead-endpoints.ts), as zod
// schemas the OpenAPI document is written from.

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
      outOfRange: z
        .number()
        .int()
        .optional()
        .meta({ description: "labeled artifacts left out because the judge scored them off the 1-10 scale (no threshold can place them); absent in reports made before it was counted" }),
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
