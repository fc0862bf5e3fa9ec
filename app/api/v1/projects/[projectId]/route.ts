import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { changeSettingsForApi, projectForApi } from "@/lib/server/api/pipeline-lead";

/** GET /api/v1/projects/{id}: settings, members and artifacts by review status. */
export const GET = guardApi(ENDPOINTS.project, async ({ input }) => projectForApi(input.projectId));

/** PATCH /api/v1/projects/{id}: changes the settings named. */
export const PATCH = guardApi(ENDPOINTS.changeSettings, async ({ user, input }) => changeSettingsForApi(user, input));
