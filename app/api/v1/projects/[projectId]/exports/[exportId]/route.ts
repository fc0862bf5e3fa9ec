import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { exportForApi } from "@/lib/server/api/pipeline-exports";

/** GET /api/v1/projects/{id}/exports/{exportId}: an export's progress, and its files once it succeeded. */
export const GET = guardApi(ENDPOINTS.export, async ({ input }) => exportForApi(input));
