import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { AppError } from "../../errors";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, redeliverWebhook, webhookDelivery } from "../webhooks/webhook-endpoints";
import type { WebhookEvent } from "../../domain/webhooks";

// The webhooks page's actions for scripts (GET/POST /api/v1/projects/{id}/webhooks and below), on
// the same use cases. Reached through guardApi only.

const actorOf = (user: SessionUser) => ({ actorId: user.id, actorLabel: user.email });

export async function webhooksForApi(projectId: number) {
  return { endpoints: await listWebhookEndpoints(projectId) };
}

export async function createWebhookForApi(user: SessionUser, input: { projectId: number; url: string; events: WebhookEvent[]; description: string }) {
  const { id, secret } = await createWebhookEndpoint(input.projectId, input, actorOf(user));
  const made = (await listWebhookEndpoints(input.projectId)).find((e) => e.id === id);
  if (!made) throw new AppError("internal", `Webhook endpoint ${id} was made but cannot be read back.`);
  return { ...made, secret };
}

export async function deleteWebhookForApi(user: SessionUser, input: { projectId: number; endpointId: number }) {
  return { id: input.endpointId, url: await deleteWebhookEndpoint(input.projectId, input.endpointId, actorOf(user)) };
}

export async function deliveriesForApi(input: { projectId: number; limit: number }) {
  return { deliveries: await listWebhookDeliveries(input.projectId, input.limit) };
}

export async function redeliverForApi(user: SessionUser, input: { projectId: number; deliveryId: number }) {
  await redeliverWebhook(input.projectId, input.deliveryId, actorOf(user));
  return webhookDelivery(input.projectId, input.deliveryId);
}
