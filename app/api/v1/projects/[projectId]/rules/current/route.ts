import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { rulesForPipeline } from "@/lib/server/qc/rules-api";

/** GET /api/v1/projects/{id}/rules/current: the project's current QC rule set. */
export const GET = guardApi(ENDPOINTS.currentRules, async ({ user, input }) => rulesForPipeline(user, input.projectId, "current"));
