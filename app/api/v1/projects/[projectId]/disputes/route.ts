import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { disputesForApi } from "@/lib/server/api/pipeline-lead";

/** GET /api/v1/projects/{id}/disputes: disputed artifacts waiting for a lead. */
export const GET = guardApi(ENDPOINTS.disputes, async ({ input }) => disputesForApi(input));
