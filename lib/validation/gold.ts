import { z } from "zod";

/** A lead marking an artifact as gold with its known answer, or taking the mark off ("none"). */
export const goldInput = z.object({
  projectId: z.coerce.number().int().positive(),
  artifactId: z.string().min(1).max(300),
  gold: z.enum(["accept", "reject", "none"], { message: "Choose accept, reject or not gold" }),
});

export type GoldInput = z.input<typeof goldInput>;
