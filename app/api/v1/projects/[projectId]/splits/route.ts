import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { splitsForApi, startSplitForApi } from "@/lib/server/api/pipeline-lead";

/** GET /api/v1/projects/{id}/splits: the split versions. */
export const GET = guardApi(ENDPOINTS.listSplits, async ({ input }) => splitsForApi(input.projectId));

/** POST /api/v1/projects/{id}/splits: makes a split version, as a job. */
export const POST = guardApi(ENDPOINTS.makeSplit, async ({ user, input }) => Response.json(await startSplitForApi(user, input), { status: 202 }));
