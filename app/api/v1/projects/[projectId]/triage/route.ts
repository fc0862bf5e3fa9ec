import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { applyTriageForApi, triagePreviewForApi } from "@/lib/server/api/pipeline-lead";

/** GET /api/v1/projects/{id}/triage: what triage with the current rules would do. */
export const GET = guardApi(ENDPOINTS.triagePreview, async ({ input }) => triagePreviewForApi(input.projectId));

/** POST /api/v1/projects/{id}/triage: applies triage, as a job. */
export const POST = guardApi(ENDPOINTS.applyTriage, async ({ user, input }) => Response.json(await applyTriageForApi(user, input), { status: 202 }));
