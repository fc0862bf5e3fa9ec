import { z } from "zod";
import { guardApi } from "@/lib/auth/guard";
import { rulesForPipeline } from "@/lib/server/qc/rules-api";

const input = z.object({ projectId: z.coerce.number().int().positive(), version: z.coerce.number({ message: "The version is a whole number" }).int().positive() });

/** GET /api/v1/projects/{id}/rules/{version}: one saved version of the project's QC rules. */
export const GET = guardApi({ scope: "read", permission: "project:read", input }, async ({ user, input: { projectId, version } }) => rulesForPipeline(user, projectId, version));
