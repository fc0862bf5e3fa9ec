import { z } from "zod";

export const calibrationQuery = z.object({
  target: z.coerce.number().min(0.5, "A precision target is between 0.5 and 1").max(1, "A precision target is between 0.5 and 1").default(0.95),
});

/** Saving proposals, as the calibration page's form submits it. */
export const saveProposalsInput = z.object({
  projectId: z.coerce.number().int().positive(),
  keys: z
    .string()
    .default("")
    .transform((s) => s.split(",").filter(Boolean)),
  note: z.string().max(2000, "Keep the note under 2,000 characters").default(""),
  target: z.coerce.number().min(0.5).max(1),
  ranAt: z.iso.datetime().transform((s) => new Date(s)),
  basedOn: z.coerce.number().int().positive(),
});
