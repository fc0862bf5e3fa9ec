"use server";
// Server actions of the webhooks page; each goes through the one guard.
import { revalidatePath } from "next/cache";
import { guardAction } from "@/lib/auth/guard";
import { createWebhookEndpoint, deleteWebhookEndpoint, redeliverWebhook } from "@/lib/server/webhooks/webhook-endpoints";
import { eventsOf, newWebhookInput, webhookDeliveryInput, webhookEndpointInput } from "@/lib/validation/webhooks";

export const createWebhookAction = guardAction({ permission: "project:manage", input: newWebhookInput }, async ({ user, input }) => {
  const { secret } = await createWebhookEndpoint(input.projectId, { url: input.url, events: eventsOf(input), description: input.description }, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/webhooks`);
  return { message: `Registered ${input.url}. Its signing secret is below, shown this once: keep it where the receiver can check signatures with it.`, secret };
});

export const deleteWebhookAction = guardAction({ permission: "project:manage", input: webhookEndpointInput }, async ({ user, input }) => {
  const url = await deleteWebhookEndpoint(input.projectId, input.endpointId, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/webhooks`);
  return `Deleted ${url}: nothing more is sent to it.`;
});

export const redeliverAction = guardAction({ permission: "project:manage", input: webhookDeliveryInput }, async ({ user, input }) => {
  await redeliverWebhook(input.projectId, input.deliveryId, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/webhooks`);
  return "Sending it again, with the same webhook-id.";
});
