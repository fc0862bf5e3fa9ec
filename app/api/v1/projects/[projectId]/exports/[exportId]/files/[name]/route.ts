import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { exportFileResponse } from "@/lib/server/splits/export-file-response";

/** GET /api/v1/projects/{id}/exports/{exportId}/files/{name}: one file of a finished export of this project, streamed. */
export const GET = guardApi(ENDPOINTS.exportFile, async ({ input }) => exportFileResponse(input.projectId, input.exportId, input.name));
