import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { rulesForPipeline } from "@/lib/server/qc/rules-api";

/** GET /api/v1/projects/{id}/rules/{version}: one version of the project's QC rule set. */
export const GET = guardApi(ENDPOINTS.rulesVersion, async ({ user, input }) => rulesForPipeline(user, input.projectId, input.version));
