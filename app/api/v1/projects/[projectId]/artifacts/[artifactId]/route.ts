import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { artifactDetail } from "@/lib/server/api/pipeline-reads";

/** GET /api/v1/projects/{id}/artifacts/{artifactId}: an artifact with its status, final content and verdicts. */
export const GET = guardApi(ENDPOINTS.artifact, async ({ user, input }) => artifactDetail(user, input));
