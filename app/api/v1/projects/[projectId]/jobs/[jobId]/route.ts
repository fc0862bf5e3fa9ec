import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { jobForApi } from "@/lib/server/api/pipeline-jobs";

/** GET /api/v1/projects/{id}/jobs/{jobId}: a job's progress, and its result once it ends. */
export const GET = guardApi(ENDPOINTS.job, async ({ input }) => jobForApi(input));
