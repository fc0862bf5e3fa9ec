import { nestingProblem } from "../domain/json-depth";
import { z } from "zod";
import { ARTIFACT_KINDS, DECISIONS, JUDGE_METRICS, PLATFORMS, POST_KINDS, POST_KINDS_BY_PLATFORM, REASON_CODES, SOCIAL_QA_FLAVORS, isUserLevel, metricsFor, type ArtifactKind } from "../domain/kinds";
import { ARTIFACT_CONTENT } from "./artifact-content";

/**
 * One line of the import format (DESIGN.md, "Import format"), validated. Unknown fields are
 * dropped; each schema's output is what the importer stores and hashes. A reason names the fields
 * and the shape expected, never the line's own text or values (a batch may hold secrets); values
 * named are the format's own words (a kind, a platform) once they are known to be one.
 */

// Keys travel into file names, URLs and tab-separated exports: no control characters (tabs, line breaks, NUL, C1 codes).
const key = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(512, "is longer than 512 characters")
  .refine((k) => !/[\u0000-\u001f\u007f-\u009f]/.test(k), "must not contain control characters such as tabs or line breaks");
const meta = z.record(z.string(), z.unknown()).default({});
const isoDate = z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time such as 2019-03-01T12:00:00Z" });
const yesNo = z.union([z.boolean(), z.enum(["yes", "no"]).transform((v) => v === "yes")]);

export const userLine = z.object({
  type: z.literal("user"),
  uid: key,
  platform: z.enum(PLATFORMS),
  meta,
});

export const postLine = z
  .object({
    type: z.literal("post"),
    id: key,
    uid: key,
    platform: z.enum(PLATFORMS),
    kind: z.enum(POST_KINDS),
    created_at: isoDate.nullish(),
    title: z.string().nullish(),
    text: z.string().min(1, "must not be empty"),
    rewrite: z.string().nullish(),
    tags: z
      .object({
        quality: z.enum(["high", "medium", "low"]).optional(),
        harmless: yesNo.optional(),
        unsafe: yesNo.optional(),
        social_event: yesNo.optional(),
      })
      .default({}),
    meta,
  })
  .superRefine((post, ctx) => {
    if (!POST_KINDS_BY_PLATFORM[post.platform].includes(post.kind)) {
      ctx.addIssue({
        code: "custom",
        path: ["kind"],
        message: `post kind "${post.kind}" does not occur on ${post.platform} (expected ${POST_KINDS_BY_PLATFORM[post.platform].join(" or ")})`,
      });
    }
    if (post.kind === "review") {
      const rating = post.meta.rating;
      if (typeof rating !== "number" || rating < 1 || rating > 5) {
        ctx.addIssue({ code: "custom", path: ["meta", "rating"], message: "a review needs meta.rating, a number from 1 to 5" });
      }
      if (typeof post.meta.item_title !== "string" || post.meta.item_title === "") {
        ctx.addIssue({ code: "custom", path: ["meta", "item_title"], message: "a review needs meta.item_title" });
      }
    }
  });

/**
 * A judge score as the pipeline's judge gave it: any whole number the database's integer holds. One
 * off the rubric's 1-10 scale (a 0, a 12) is kept, shown, and leaves the artifact to people.
 */
const score = z
  .number()
  .int("must be a whole number")
  .min(-(2 ** 31), "must be a whole number from -2147483648 to 2147483647")
  .max(2 ** 31 - 1, "must be a whole number from -2147483648 to 2147483647");

const artifactFields = {
  type: z.literal("artifact"),
  id: key,
  uid: key,
  kind: z.enum(ARTIFACT_KINDS),
  flavor: z.enum(SOCIAL_QA_FLAVORS).nullish(),
  content: z.record(z.string(), z.unknown()) as z.ZodType<Record<string, unknown>>,
  source_post_ids: z.array(key),
  generator: z.object({ model: z.string().optional(), prompt: z.string().optional() }).nullish(),
  /** where the pipeline wrote it, e.g. a stage file and line */
  source: z.string().max(2000).nullish(),
  judge: z
    .object({
      model: z.string().optional(),
      scores: z.record(z.string(), score),
      explanation: z.string().optional(),
    })
    .nullish(),
};

type ArtifactFields = z.infer<z.ZodObject<typeof artifactFields>>;

function checkArtifact(a: ArtifactFields, ctx: z.core.$RefinementCtx, contentChecked: boolean) {
  if (a.kind === "social_qa" && !a.flavor) {
    ctx.addIssue({ code: "custom", path: ["flavor"], message: `social_qa needs a flavor (${SOCIAL_QA_FLAVORS.join(", ")})` });
  }
  if (a.kind !== "social_qa" && a.flavor) {
    ctx.addIssue({ code: "custom", path: ["flavor"], message: `only social_qa artifacts have a flavor, not ${a.kind}` });
  }
  if (!isUserLevel(a.kind) && a.source_post_ids.length === 0) {
    ctx.addIssue({ code: "custom", path: ["source_post_ids"], message: `a ${a.kind} artifact must cite at least one source post` });
  }
  if (!contentChecked) {
    const content = ARTIFACT_CONTENT[a.kind].safeParse(a.content);
    if (!content.success) {
      for (const issue of content.error.issues) ctx.addIssue({ ...issue, path: ["content", ...issue.path] } as never);
    }
  }
  if (a.judge) {
    const allowed = metricsFor(a.kind, a.flavor);
    for (const metric of Object.keys(a.judge.scores)) {
      if (!allowed.includes(metric as never)) {
        ctx.addIssue({
          code: "custom",
          path: ["judge", "scores", metric],
          message:
            allowed.length === 0
              ? `${a.kind} artifacts are not judged, so they carry no judge scores`
              : `judge.scores holds a metric ${a.kind} artifacts are not judged on (expected ${allowed.join(", ")})`,
        });
      }
    }
  }
}

/** Any artifact line: checks the content against its kind after the fact (used when the kind itself is bad). */
export const artifactLine = z.object(artifactFields).superRefine((a, ctx) => checkArtifact(a, ctx, false));

/** One schema per kind, so the content is validated in the same pass (the importer's hot path). */
const ARTIFACT_LINE_BY_KIND = Object.fromEntries(
  ARTIFACT_KINDS.map((kind) => [kind, z.object({ ...artifactFields, kind: z.literal(kind), content: ARTIFACT_CONTENT[kind] }).superRefine((a, ctx) => checkArtifact(a, ctx, true))]),
) as unknown as Record<ArtifactKind, typeof artifactLine>;

export const verdictLine = z
  .object({
    type: z.literal("verdict"),
    artifact_id: key,
    annotator: z.email("must be the email of an account"),
    decision: z.enum(DECISIONS),
    reasons: z.array(z.enum(REASON_CODES)).default([]),
    content: z.record(z.string(), z.unknown()).nullish(),
    comment: z.string().nullish(),
    created_at: isoDate,
  })
  .superRefine((v, ctx) => {
    if (v.decision === "edit" && !v.content) {
      ctx.addIssue({ code: "custom", path: ["content"], message: "an edit verdict needs the corrected content" });
    }
  });

export type UserLine = z.infer<typeof userLine>;
export type PostLine = z.infer<typeof postLine>;
export type ArtifactLine = z.infer<typeof artifactLine>;
export type VerdictLine = z.infer<typeof verdictLine>;
export type ImportLine = UserLine | PostLine | ArtifactLine | VerdictLine;

const LINE_SCHEMAS = { user: userLine, post: postLine, artifact: artifactLine, verdict: verdictLine } as const;
export const LINE_TYPES = Object.keys(LINE_SCHEMAS) as (keyof typeof LINE_SCHEMAS)[];

export type ParsedLine = { ok: true; value: ImportLine } | { ok: false; reason: string };

/** Parses one line of text into a validated record, or a reason a person can act on. */
export function parseImportLine(text: string): ParsedLine {
  const deep = nestingProblem(text);
  if (deep) return { ok: false, reason: deep };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `invalid JSON (${describeJsonError(e, text, "line")})` };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { ok: false, reason: "each line must be a JSON object" };
  }
  const type = (data as { type?: unknown }).type;
  if (type === undefined) return { ok: false, reason: `missing required field "type" (${LINE_TYPES.join(", ")})` };
  const kind = (data as { kind?: unknown }).kind;
  const schema = type === "artifact" && typeof kind === "string" && kind in ARTIFACT_LINE_BY_KIND ? ARTIFACT_LINE_BY_KIND[kind as ArtifactKind] : LINE_SCHEMAS[type as keyof typeof LINE_SCHEMAS];
  if (typeof type !== "string" || !schema) {
    return { ok: false, reason: `unknown type (expected ${LINE_TYPES.join(", ")})` };
  }
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, reason: [...new Set(parsed.error.issues.map((i) => describeIssue(i, data)))].join("; ") };
}

/**
 * Where JSON.parse stopped reading `text`, without repeating the text (its own message may quote
 * it): "syntax error at column 7", or that the line (or file) ends before its JSON value does.
 */
export function describeJsonError(e: unknown, text: string, what: "line" | "file"): string {
  const message = e instanceof Error ? e.message : "";
  const at = /in JSON at position (\d+)/.exec(message);
  if (/Unexpected end of JSON input/.test(message) || (at && Number(at[1]) >= text.trimEnd().length)) return `the ${what} ends before its JSON value does`;
  return at ? `syntax error at ${what === "line" ? "column" : "character"} ${Number(at[1]) + 1}` : "syntax error";
}

function valueAt(data: unknown, path: PropertyKey[]): unknown {
  let v: unknown = data;
  for (const p of path) v = v == null ? undefined : (v as Record<PropertyKey, unknown>)[p];
  return v;
}

/** Fields whose keys the line chooses itself (character names, metric names): such a key is shown as `*` unless it is one of the format's words. */
const FREE_KEYS = new Set(["characters", "scores"]);
const KNOWN_KEYS = new Set<string>(JUDGE_METRICS);

/** An issue's path as a field name: "content.stories.0.content", "content.characters.*". */
function fieldName(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (i > 0 && FREE_KEYS.has(String(path[i - 1])) && !KNOWN_KEYS.has(String(p)) ? "*" : String(p))).join(".");
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const field = fieldName(issue.path);
  const value = valueAt(data, issue.path);
  if ((issue.code === "invalid_type" || issue.code === "invalid_value") && value === undefined) return `missing required field "${field}"`;
  if (issue.code === "invalid_type") return `field "${field}" must be ${article(issue.expected)}, got ${typeName(value)}`;
  if (issue.code === "invalid_value") {
    const options = issue.values.map((v) => String(v)).join(", ");
    const what = field === "kind" ? "kind" : `value for "${field}"`;
    return `unknown ${what} (expected one of ${options})`;
  }
  if (issue.code === "custom") return issue.message;
  return field ? `field "${field}" ${issue.message.replace(/^Invalid input: /, "")}` : issue.message;
}

function article(expected: string): string {
  if (expected === "int") return "a whole number";
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v;
}
