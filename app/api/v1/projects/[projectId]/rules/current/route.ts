import { z } from "zod";
import { guardApi } from "@/lib/auth/guard";
import { rulesForPipeline } from "@/lib/server/qc/rules-api";

/** GET /api/v1/projects/{id}/rules/current: the project's current QC rule set. */
export const GET = guardApi({ scope: "read", permission: "project:read", input: z.object({ projectId: z.coerce.number().int().positive() }) }, async ({ user, input }) =>
  rulesForPipeline(user, input.projectId, "current"),
);
