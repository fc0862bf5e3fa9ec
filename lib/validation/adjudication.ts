import { z } from "zod";
import { REASON_CODES } from "../domain/kinds";

/** A lead's decision on a disputed artifact. */
export const adjudicationInput = z
  .object({
    artifactId: z.string().min(1),
    decision: z.enum(["accept", "edit", "reject"]),
    reasons: z.array(z.enum(REASON_CODES)).default([]),
    content: z.record(z.string(), z.unknown()).nullish(),
    note: z.string().trim().max(4000, "Keep the note under 4,000 characters").default(""),
  })
  .superRefine((a, ctx) => {
    if (a.decision === "reject" && a.reasons.length === 0) ctx.addIssue({ code: "custom", path: ["reasons"], message: "Choose at least one reason for a reject" });
    if (a.decision === "edit" && !a.content) ctx.addIssue({ code: "custom", path: ["content"], message: "Choose or write the content that ships" });
  });

export type AdjudicationInput = z.input<typeof adjudicationInput>;
