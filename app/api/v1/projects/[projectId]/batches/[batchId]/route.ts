import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { batchStatus } from "@/lib/server/api/pipeline-reads";

/** GET /api/v1/projects/{id}/batches/{batchId}: an import's status and summary. */
export const GET = guardApi(ENDPOINTS.batch, async ({ user, input }) => batchStatus(user, input));
