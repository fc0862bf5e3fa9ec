import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { setGoldForApi } from "@/lib/server/api/pipeline-lead";

/** POST /api/v1/projects/{id}/artifacts/{artifactId}/gold: marks or unmarks a gold artifact. */
export const POST = guardApi(ENDPOINTS.setGold, async ({ user, input }) => setGoldForApi(user, input));
