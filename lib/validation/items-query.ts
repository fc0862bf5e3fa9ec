import { z } from "zod";
import { HIGHLIGHT_KINDS } from "../domain/highlights";
import { ARTIFACT_KINDS, PLATFORMS, REASON_CODES, SOCIAL_QA_FLAVORS } from "../domain/kinds";
import { REVIEW_STATUSES } from "../domain/review-state";

/** The sortable columns: the artifact id and the numeric and time columns with a sort index (on the artifact or its state). */
export const ITEM_SORTS = ["id", "judgeOverall", "judgeMin", "verdictCount", "disagreement", "finalizedAt"] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

export const PAGE_SIZES = [25, 50, 100] as const;

/** A comma-separated list in a URL ("kind=persona,profile"), each value one of `values`. */
const csv = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").filter(Boolean) : []))
    .pipe(z.array(z.enum(values, { message: `${what} is one of ${values.join(", ")}` })));

/** a bound on the 1-10 scale; a score off it is found with judged=off_scale */
const score = z.coerce.number().int("Scores are whole numbers").min(0, "Scores are 1 to 10").max(10, "Scores are 1 to 10").optional();

/**
 * The items table's state as it travels in the URL: filters, sort and page. Every value is
 * optional; what is absent does not filter.
 */
export const itemsQuery = z
  .object({
    kind: csv(ARTIFACT_KINDS, "kind"),
    flavor: csv(SOCIAL_QA_FLAVORS, "flavor"),
    platform: csv(PLATFORMS, "platform"),
    status: csv(REVIEW_STATUSES, "status"),
    flags: csv(HIGHLIGHT_KINDS, "flag"),
    reasons: csv(REASON_CODES, "reason"),
    overallMin: score,
    overallMax: score,
    scoreMin: score,
    scoreMax: score,
    /** off_scale: some judge score is off the rubric's 1-10 scale */
    judged: z.enum(["yes", "no", "off_scale"]).optional(),
    gold: z.enum(["yes", "no"]).optional(),
    /** "yes": artifacts a live verdict accepted over a failed check */
    overrides: z.enum(["yes"], { message: "overrides is yes or absent" }).optional(),
    annotator: z.coerce.number().int().positive().optional(),
    q: z
      .string()
      .trim()
      .max(200, "Search for at most 200 characters")
      .optional()
      .transform((s) => s || undefined),
    sort: z.enum(ITEM_SORTS).default("id"),
    dir: z.enum(["asc", "desc"]).default("asc"),
    /** keyset paging: the page after this row, or before it (opaque cursors from the previous page) */
    after: z.string().max(1000).optional(),
    before: z.string().max(1000).optional(),
    /** the page's number, for showing "page 3" (paging itself follows the cursors) */
    page: z.coerce.number().int().min(0).max(1_000_000).default(0),
    size: z.coerce
      .number()
      .pipe(z.union(PAGE_SIZES.map((n) => z.literal(n)) as unknown as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>]))
      .default(50),
  })
  .refine((q) => q.overallMin === undefined || q.overallMax === undefined || q.overallMin <= q.overallMax, {
    message: "The lowest overall score is above the highest",
    path: ["overallMin"],
  })
  .refine((q) => q.scoreMin === undefined || q.scoreMax === undefined || q.scoreMin <= q.scoreMax, {
    message: "The lowest metric score is above the highest",
    path: ["scoreMin"],
  });

export type ItemsQuery = z.output<typeof itemsQuery>;

/** URL search parameters (Next's searchParams object or a URLSearchParams) as the flat object the schema reads. */
export function searchParamsObject(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const out: Record<string, string> = {};
  for (const [k, v] of entries) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(",") : v;
  return out;
}
