import { z } from "zod";
import { REASON_CODES } from "../domain/kinds";
import { RISKY_CHECKS } from "../domain/risky-checks";

/** A verdict as the review screen submits it; the edited content is checked against the kind later. */
export const verdictInput = z
  .object({
    artifactId: z.string().min(1),
    decision: z.enum(["accept", "edit", "reject"]),
    reasons: z.array(z.enum(REASON_CODES)).max(REASON_CODES.length).default([]),
    content: z.record(z.string(), z.unknown()).nullish(),
    comment: z.string().trim().max(2000, "Keep the comment under 2,000 characters").nullish(),
    durationMs: z
      .number()
      .int()
      .min(0)
      .max(24 * 3_600_000)
      .nullish(),
    /** the failed checks the reviewer confirmed accepting over (the review screen's second key press) */
    overrides: z.array(z.enum(RISKY_CHECKS)).max(RISKY_CHECKS.length).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== "accept" && v.reasons.length === 0) {
      ctx.addIssue({ code: "custom", path: ["reasons"], message: `Choose at least one reason for ${v.decision === "edit" ? "an edit" : "a reject"}` });
    }
    if (v.decision === "edit" && !v.content) ctx.addIssue({ code: "custom", path: ["content"], message: "An edit needs the corrected content" });
  });

export type VerdictInput = z.input<typeof verdictInput>;
