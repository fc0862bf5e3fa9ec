import { z } from "zod";
import { validateRatios } from "../domain/splits";

const ratio = z.coerce.number({ message: "A ratio is a number" }).min(0, "A ratio is at least 0").max(1, "A ratio is at most 1");

/** A new split version as the form submits it. */
export const newSplitVersion = z
  .object({
    projectId: z.coerce.number().int().positive(),
    seed: z.string().trim().min(1, "A seed makes the split repeatable; give one").max(100, "Keep the seed under 100 characters"),
    train: ratio,
    validation: ratio,
    test: ratio,
  })
  .superRefine((v, ctx) => {
    const problem = validateRatios({ train: v.train, validation: v.validation, test: v.test });
    if (problem) ctx.addIssue({ code: "custom", path: ["train"], message: problem });
  });

/** Starting an export or a freeze of one version. */
export const exportRequest = z.object({
  projectId: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
  action: z.enum(["export", "freeze"]),
});
