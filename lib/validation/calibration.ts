import { z } from "zod";

/** The precision a calibration aims at unless the lead names another. */
export const DEFAULT_TARGET = 0.95;

export const target = z.coerce.number().min(0.5, "A precision target is between 0.5 and 1").max(1, "A precision target is between 0.5 and 1");

/** Calibrating again, as the calibration page's form submits it. */
export const recalibrateInput = z.object({ projectId: z.coerce.number().int().positive(), target });

/** Saving proposals, as the calibration page's form submits it. */
export const saveProposalsInput = z.object({
  projectId: z.coerce.number().int().positive(),
  keys: z
    .string()
    .default("")
    .transform((s) => s.split(",").filter(Boolean)),
  note: z.string().max(2000, "Keep the note under 2,000 characters").default(""),
  runId: z.coerce.number().int().positive(),
});
