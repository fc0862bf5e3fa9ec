import { databaseUrl } from "../../env";
import { useSessionSecret } from "../../server/auth/use-session-secret";
import { findProjectByName } from "../../server/projects/find-project";
import { CLI_ACTOR } from "../../server/record-audit";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, redeliverWebhook } from "../../server/webhooks/webhook-endpoints";
import { webhookDeliveriesInput, webhookDeliveryInput, webhookEndpointInput, webhookEndpointSpec } from "../../validation/webhooks";

/** `cli webhooks add --project NAME --url URL --events E1,E2 [--description D]`: prints the secret, once. */
export async function addWebhookCommand(opts: { project: string; url: string; events: string[]; description?: string }): Promise<number> {
  await useSessionSecret(databaseUrl()); // the endpoint's signing secret is sealed under a key derived from it
  const project = await findProjectByName(opts.project);
  const input = webhookEndpointSpec.parse({ projectId: project.id, url: opts.url, events: opts.events, description: opts.description });
  const { id, secret } = await createWebhookEndpoint(project.id, input, CLI_ACTOR);
  process.stderr.write(`Registered endpoint ${id} for ${input.events.join(", ")}. Its signing secret, shown this once:\n`);
  process.stdout.write(`${secret}\n`);
  return 0;
}

/** `cli webhooks list --project NAME [--json]`. */
export async function listWebhooksCommand(opts: { project: string; json?: boolean }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const endpoints = await listWebhookEndpoints(project.id);
  if (opts.json) process.stdout.write(`${JSON.stringify({ endpoints }, null, 2)}\n`);
  else if (endpoints.length === 0) process.stdout.write(`${project.name} has no webhook endpoint; add one with: cli webhooks add --project "${project.name}" --url URL --events split.frozen\n`);
  else for (const e of endpoints) process.stdout.write(`${e.id}\t${e.url}\t${e.events.join(",")}${e.failedLastDay ? `\t${e.failedLastDay} failed in the last day` : ""}\n`);
  return 0;
}

/** `cli webhooks remove --project NAME --id ID`. */
export async function removeWebhookCommand(opts: { project: string; id: number }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const { endpointId } = webhookEndpointInput.parse({ projectId: project.id, endpointId: opts.id });
  process.stdout.write(`Deleted ${await deleteWebhookEndpoint(project.id, endpointId, CLI_ACTOR)}: nothing more is sent to it.\n`);
  return 0;
}

/** `cli webhooks deliveries --project NAME [--limit N] [--json]`: the delivery log. */
export async function webhookDeliveriesCommand(opts: { project: string; limit?: number; json?: boolean }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const { limit } = webhookDeliveriesInput.parse({ projectId: project.id, limit: opts.limit });
  const deliveries = await listWebhookDeliveries(project.id, limit);
  if (opts.json) process.stdout.write(`${JSON.stringify({ deliveries }, null, 2)}\n`);
  else
    for (const d of deliveries)
      process.stdout.write(
        `${d.id}\t${d.createdAt}\t${d.eventType}\t${d.status}\t${d.responseStatus ?? "-"}\t${d.attempts} attempt${d.attempts === 1 ? "" : "s"}\t${d.url}${d.error ? `\t${d.error}` : ""}\n`,
      );
  return 0;
}

/** `cli webhooks redeliver --project NAME --id DELIVERY`: sends it again, with the same webhook-id. */
export async function redeliverWebhookCommand(opts: { project: string; id: number }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const { deliveryId } = webhookDeliveryInput.parse({ projectId: project.id, deliveryId: opts.id });
  await redeliverWebhook(project.id, deliveryId, CLI_ACTOR);
  process.stdout.write(`Delivery ${deliveryId} is queued again; a worker sends it (npm start runs one).\n`);
  return 0;
}
