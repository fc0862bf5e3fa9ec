import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { redeliverForApi } from "@/lib/server/api/pipeline-webhooks";

/** POST /api/v1/projects/{id}/webhooks/deliveries/{deliveryId}/redeliver: sends it again, with the same webhook-id. */
export const POST = guardApi(ENDPOINTS.redeliverWebhook, async ({ user, input }) => Response.json(await redeliverForApi(user, input), { status: 202 }));
