import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { startExport } from "@/lib/server/api/pipeline-exports";

/** POST /api/v1/projects/{id}/exports {"version": N}: starts an export of a split version in the background. */
export const POST = guardApi(ENDPOINTS.startExport, async ({ user, input }) => Response.json(await startExport(user, input), { status: 202 }));
