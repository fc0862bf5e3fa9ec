import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { deleteWebhookForApi } from "@/lib/server/api/pipeline-webhooks";

/** DELETE /api/v1/projects/{id}/webhooks/{endpointId}: nothing more is sent to it. */
export const DELETE = guardApi(ENDPOINTS.deleteWebhook, async ({ user, input }) => deleteWebhookForApi(user, input));
