import { z } from "zod";

/** The start of the reviewer's day in their own time zone; the browser sends it so "today" is their today. */
export const dayStart = z.iso.datetime({ offset: true }).optional();

/** What every review door takes besides its own fields. */
export const reviewStepInput = z.object({ projectId: z.coerce.number().int().positive(), dayStart });
