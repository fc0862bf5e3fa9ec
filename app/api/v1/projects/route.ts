import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { createProjectForApi, listProjectsForApi } from "@/lib/server/api/pipeline-lead";

/** GET /api/v1/projects: the projects the token's owner may see. */
export const GET = guardApi(ENDPOINTS.listProjects, async ({ user }) => listProjectsForApi(user));

/** POST /api/v1/projects: creates a project. */
export const POST = guardApi(ENDPOINTS.createProject, async ({ user, input }) => Response.json(await createProjectForApi(user, input), { status: 201 }));
