import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { createWebhookForApi, webhooksForApi } from "@/lib/server/api/pipeline-webhooks";

/** GET /api/v1/projects/{id}/webhooks: the project's webhook endpoints. */
export const GET = guardApi(ENDPOINTS.listWebhooks, async ({ input }) => webhooksForApi(input.projectId));

/** POST /api/v1/projects/{id}/webhooks: registers an endpoint; the answer holds its secret, once. */
export const POST = guardApi(ENDPOINTS.createWebhook, async ({ user, input }) => Response.json(await createWebhookForApi(user, input), { status: 201 }));
