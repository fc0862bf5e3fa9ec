import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { freezeForApi } from "@/lib/server/api/pipeline-lead";

/** POST /api/v1/projects/{id}/splits/{version}/freeze: freezes a split version, as a job. */
export const POST = guardApi(ENDPOINTS.freezeSplit, async ({ user, input }) => Response.json(await freezeForApi(user, input), { status: 202 }));
