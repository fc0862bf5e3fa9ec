import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { guardApi } from "@/lib/auth/guard";
import { deliveriesForApi } from "@/lib/server/api/pipeline-webhooks";

/** GET /api/v1/projects/{id}/webhooks/deliveries: the delivery log. */
export const GET = guardApi(ENDPOINTS.webhookDeliveries, async ({ input }) => deliveriesForApi(input));
