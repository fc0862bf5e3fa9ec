import { z } from "zod";
import { ARTIFACT_KINDS, PLATFORMS } from "../domain/kinds";

/** The disagreement explorer's filters, as they travel in the URL. */
export const disagreementsQuery = z.object({
  kind: z
    .enum(ARTIFACT_KINDS, { message: `kind is one of ${ARTIFACT_KINDS.join(", ")}` })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  platform: z
    .enum(PLATFORMS, { message: `platform is one of ${PLATFORMS.join(", ")}` })
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** disputed: live verdicts differ (open or settled); overturned: some live verdict differs from the final label */
  show: z.enum(["disputed", "overturned"]).default("disputed"),
  annotator: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** the page after this artifact id */
  after: z.string().max(500).optional(),
});
export type DisagreementsQuery = z.output<typeof disagreementsQuery>;
