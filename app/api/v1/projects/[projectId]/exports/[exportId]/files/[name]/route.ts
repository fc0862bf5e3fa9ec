import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { exportForApi } from "@/lib/server/api/pipeline-exports";
import { exportFileResponse } from "@/lib/server/splits/export-file-response";

/** GET /api/v1/projects/{id}/exports/{exportId}/files/{name}: one file of a finished export, streamed. */
export const GET = guardApi(ENDPOINTS.exportFile, async ({ user, input }) => {
  await exportForApi(user, input); // the export is this project's and the token's owner may see it
  return exportFileResponse(input.projectId, input.exportId, input.name);
});
