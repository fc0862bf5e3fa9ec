import { z } from "zod";
import { SPLITS, validateRatios } from "../domain/splits";
import { adjudicationFields, refineAdjudication } from "./adjudication";
import { DEFAULT_TARGET, target } from "./calibration";
import { goldInput } from "./gold";
import { projectSettings } from "./project-settings";

// What a lead does from a script: the CLI and the pipeline API parse their input with these same
// schemas (the API's OpenAPI document is written from them), and call the same use cases.

const projectId = z.coerce.number({ message: "projectId is a number" }).int("projectId is a whole number").positive("projectId is positive").meta({ description: "the project's id" });
const version = z.coerce.number({ message: "version is a number" }).int("version is a whole number").positive("version is positive");

/** The settings a script may change, each optional: what is left out keeps its value. */
const s = projectSettings.shape;
const settingsFields = {
  description: z.string().trim().max(2000, "Keep the description under 2,000 characters").optional(),
  overlap: s.overlap.optional().meta({ description: "verdicts each artifact needs (1-10)" }),
  leaseMinutes: s.leaseMinutes.optional().meta({ description: "how long an annotator holds a claimed artifact" }),
  goldRate: s.goldRate.optional().meta({ description: "share of gold artifacts mixed into each queue (0-1)" }),
  blindMode: z.boolean().optional().meta({ description: "hide the judge's scores from annotators" }),
  labelMode: s.labelMode.optional(),
  calibrationFirst: z.boolean().optional().meta({ description: "serve first the artifacts of rubric keys that lack calibration labels" }),
};

export const newProjectInput = z.object({ name: z.string().trim().min(1, "A project needs a name").max(200, "Keep the name under 200 characters"), ...settingsFields });
export type NewProjectInput = z.output<typeof newProjectInput>;

export const settingsPatchInput = z.object({ projectId, ...settingsFields });
export type SettingsPatch = z.output<typeof settingsPatchInput>;

export const membersInput = z.object({
  projectId,
  role: z.enum(["annotator", "lead"], { message: "Members are annotators or leads" }),
  emails: z
    .array(z.string().trim().toLowerCase().pipe(z.email("Not an email address")))
    .min(1, "Name at least one account")
    .max(1000),
  replace: z.boolean().default(false).meta({ description: "true: these become the role's only members; false (default): they are added" }),
});
export type MembersInput = z.output<typeof membersInput>;

export { goldInput };

const ratio = z.number({ message: "A ratio is a number" }).min(0, "A ratio is at least 0").max(1, "A ratio is at most 1").optional();
export const newSplitInput = z
  .object({
    projectId,
    seed: z.string().trim().min(1).max(100, "Keep the seed under 100 characters").optional().meta({ description: 'default: "v" and the new version\'s number' }),
    train: ratio,
    validation: ratio,
    test: ratio,
  })
  .superRefine((v, ctx) => {
    const missing = SPLITS.filter((split) => v[split] === undefined);
    if (missing.length === SPLITS.length) return;
    if (missing.length) return void ctx.addIssue({ code: "custom", path: [missing[0]], message: "Give all three ratios, or none for 0.8/0.1/0.1" });
    const problem = validateRatios({ train: v.train!, validation: v.validation!, test: v.test! });
    if (problem) ctx.addIssue({ code: "custom", path: ["train"], message: problem });
  });
export type NewSplitInput = z.output<typeof newSplitInput>;

export const splitVersionInput = z.object({ projectId, version });

export const calibrateInput = z.object({ projectId, target: target.default(DEFAULT_TARGET).meta({ description: `the precision automatic decisions must reach (0.5-1, default ${DEFAULT_TARGET})` }) });

export const calibrationReportInput = z.object({ projectId, runId: z.coerce.number().int().positive().optional().meta({ description: "a calibration run; absent: the latest that finished" }) });

export const saveRulesInput = z.object({
  projectId,
  runId: z.coerce.number().int().positive().meta({ description: "the calibration run whose proposals to save" }),
  keys: z.array(z.string().min(1).max(100)).min(1, "Name at least one proposal (a rubric key such as persona/hallucination)"),
  note: z.string().trim().max(2000, "Keep the note under 2,000 characters").default(""),
});

export const JOB_PREFIXES = ["split", "export", "triage", "calibration"] as const;
export const jobInput = z.object({
  projectId,
  jobId: z
    .string()
    .regex(/^(split|export|triage|calibration)-[1-9]\d{0,9}$/, "A job id is a kind and a number: split-3, export-7, triage-2 or calibration-5")
    .meta({ description: "as a job was answered with: split-3, export-7, triage-2, calibration-5" }),
});

export const disputesInput = z.object({
  projectId,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const adjudicateInput = z.object({ projectId, artifactId: z.string().min(1).max(500), ...adjudicationFields }).superRefine(refineAdjudication);
