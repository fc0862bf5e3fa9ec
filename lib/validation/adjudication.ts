import { z } from "zod";
import { REASON_CODES } from "../domain/kinds";

/** What a lead decides on a disputed artifact, field by field. */
export const adjudicationFields = {
  decision: z.enum(["accept", "edit", "reject"]),
  reasons: z.array(z.enum(REASON_CODES)).default([]),
  content: z.record(z.string(), z.unknown()).nullish(),
  note: z.string().trim().max(4000, "Keep the note under 4,000 characters").default(""),
};

/** A reject needs a reason, an edit the content that ships. */
export function refineAdjudication(a: { decision: string; reasons: string[]; content?: unknown }, ctx: z.RefinementCtx) {
  if (a.decision === "reject" && a.reasons.length === 0) ctx.addIssue({ code: "custom", path: ["reasons"], message: "Choose at least one reason for a reject" });
  if (a.decision === "edit" && !a.content) ctx.addIssue({ code: "custom", path: ["content"], message: "Choose or write the content that ships" });
}

/** A lead's decision on a disputed artifact. */
export const adjudicationInput = z.object({ artifactId: z.string().min(1), ...adjudicationFields }).superRefine(refineAdjudication);

export type AdjudicationInput = z.input<typeof adjudicationInput>;
