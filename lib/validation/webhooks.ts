import { z } from "zod";
import { WEBHOOK_EVENTS, webhookUrlProblem, type WebhookEvent } from "../domain/webhooks";

const projectId = z.coerce.number().int().positive();
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).optional();

/**
 * A new endpoint as the webhooks page submits it: the URL, a note, and one checkbox per event
 * (named "event:batch.imported" and so on; a form sends only the ticked ones).
 */
const url = z
  .string()
  .trim()
  .min(1, "Give the URL to deliver to")
  .max(2000, "Keep the URL under 2,000 characters")
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const description = z.string().trim().max(200, "Keep the note under 200 characters").default("");

export const newWebhookInput = z.object({
  projectId,
  url,
  description,
  ...(Object.fromEntries(WEBHOOK_EVENTS.map((e) => [`event:${e}`, checkbox])) as Record<`event:${WebhookEvent}`, typeof checkbox>),
});
export type NewWebhookInput = z.output<typeof newWebhookInput>;

/** The events a new endpoint's form ticked. */
export const eventsOf = (input: NewWebhookInput): WebhookEvent[] => WEBHOOK_EVENTS.filter((e) => input[`event:${e}`]);

export const webhookEndpointInput = z.object({ projectId, endpointId: z.coerce.number().int().positive() });
export const webhookDeliveryInput = z.object({ projectId, deliveryId: z.coerce.number().int().positive() });

/** A new endpoint as the API and the CLI take it: the events as a list. */
export const webhookEndpointSpec = z.object({
  projectId,
  url,
  description,
  events: z.array(z.enum(WEBHOOK_EVENTS, { message: `An event is one of ${WEBHOOK_EVENTS.join(", ")}` })).min(1, "Choose at least one event"),
});

export const webhookDeliveriesInput = z.object({ projectId, limit: z.coerce.number().int().min(1).max(500).default(100) });
