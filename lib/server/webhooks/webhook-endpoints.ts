import "server-only";
import { z } from "zod";
import { db, forNoKeyUpdate, forUpdate } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { newWebhookSecret, type WebhookEvent } from "../../domain/webhooks";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import { enqueue } from "../jobs/queue";
import type { Actor } from "../record-audit";
import { assertWebhookUrl } from "./post-webhook";
import { sealSecret } from "./secret-box";

/** Endpoints a project may have. */
export const MAX_ENDPOINTS = 20;

export interface WebhookEndpointView {
  id: number;
  url: string;
  events: WebhookEvent[];
  description: string;
  createdAt: string;
  createdBy: string | null;
  /** deliveries of the last day that failed for good */
  failedLastDay: number;
}

const Endpoint = row({
  id: col.int,
  url: col.text,
  events: z.array(z.string()) as unknown as z.ZodType<WebhookEvent[]>,
  description: col.text,
  createdAt: col.date,
  createdBy: col.text.nullable(),
  failedLastDay: col.int,
});

/** A project's endpoints, oldest first (their secrets never leave the server again). */
export async function listWebhookEndpoints(projectId: number): Promise<WebhookEndpointView[]> {
  return db().many(
    Endpoint,
    sql`SELECT e."id", e."url", e."events", e."description", e."createdAt", a."email" AS "createdBy",
               (SELECT COUNT(*)::int FROM "WebhookDelivery" d WHERE d."endpointId" = e."id" AND d."status" = 'failed' AND d."createdAt" > now() - interval '1 day') AS "failedLastDay"
        FROM "WebhookEndpoint" e LEFT JOIN "Account" a ON a."id" = e."createdById"
        WHERE e."projectId" = ${projectId} AND e."disabledAt" IS NULL ORDER BY e."id"`,
  );
}

export interface StoppedEndpointView {
  id: number;
  url: string;
  createdBy: string | null;
  reason: string;
  stoppedAt: string;
}

/** Endpoints the workbench stopped because their creator may no longer manage the project (deleted ones are not listed), newest first. */
export async function listStoppedWebhookEndpoints(projectId: number): Promise<StoppedEndpointView[]> {
  return db().many(
    row({ id: col.int, url: col.text, createdBy: col.text.nullable(), reason: col.text, stoppedAt: col.date }),
    sql`SELECT e."id", e."url", a."email" AS "createdBy", e."disabledReason" AS "reason", e."disabledAt" AS "stoppedAt"
        FROM "WebhookEndpoint" e LEFT JOIN "Account" a ON a."id" = e."createdById"
        WHERE e."projectId" = ${projectId} AND e."disabledReason" IS NOT NULL ORDER BY e."disabledAt" DESC, e."id" DESC LIMIT 50`,
  );
}

/** Registers an endpoint; returns it with its secret, which is shown this once. */
export async function createWebhookEndpoint(projectId: number, input: { url: string; events: WebhookEvent[]; description: string }, actor: Actor): Promise<{ id: number; secret: string }> {
  if (input.events.length === 0) throw new AppError("invalid_input", "Choose at least one event to send.", { fieldErrors: { events: ["Choose at least one event"] } });
  await assertWebhookUrl(input.url);
  const secret = newWebhookSecret();
  return db().tx(async (t) => {
    await t.exec(sql`SELECT 1 FROM "Project" WHERE "id" = ${projectId}${forNoKeyUpdate(t)}`);
    const { n } = await t.one(row({ n: col.int }), sql`SELECT COUNT(*)::int AS "n" FROM "WebhookEndpoint" WHERE "projectId" = ${projectId} AND "disabledAt" IS NULL`);
    if (n >= MAX_ENDPOINTS) throw new AppError("conflict", `A project has at most ${MAX_ENDPOINTS} webhook endpoints; delete one first.`);
    // the id first: the sealed secret is bound to its endpoint
    const { id } = await t.one(row({ id: col.int }), sql`SELECT nextval(pg_get_serial_sequence('"WebhookEndpoint"', 'id'))::int AS "id"`);
    await t.exec(
      sql`INSERT INTO "WebhookEndpoint" ("id", "projectId", "url", "events", "secret", "description", "createdById", "createdAt")
          VALUES (${id}, ${projectId}, ${input.url}, ${input.events}::text[], ${sealSecret(secret, id)}, ${input.description}, ${actor.actorId ?? null}, ${new Date()})`,
    );
    await writeAudit(t, {
      ...actor,
      action: "webhook.created",
      entityType: "WebhookEndpoint",
      entityId: id,
      projectId,
      after: { url: input.url, events: input.events, description: input.description },
    });
    return { id, secret };
  });
}

/**
 * Deletes an endpoint: nothing more is sent to it; its pending deliveries fail when their turn
 * comes. The log keeps its deliveries (the endpoint is disabled, not removed).
 */
export async function deleteWebhookEndpoint(projectId: number, endpointId: number, actor: Actor): Promise<string> {
  return db().tx(async (t) => {
    const e = await t.maybe(
      row({ url: col.text }),
      sql`UPDATE "WebhookEndpoint" SET "disabledAt" = ${new Date()} WHERE "id" = ${endpointId} AND "projectId" = ${projectId} AND "disabledAt" IS NULL RETURNING "url"`,
    );
    if (!e) throw new AppError("not_found", `This project has no webhook endpoint ${endpointId}.`);
    await writeAudit(t, { ...actor, action: "webhook.deleted", entityType: "WebhookEndpoint", entityId: endpointId, projectId, before: { url: e.url } });
    return e.url;
  });
}

export interface WebhookDeliveryView {
  id: number;
  endpointId: number;
  url: string;
  eventType: string;
  messageId: string;
  status: "pending" | "succeeded" | "failed";
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
  lastAttemptAt: string | null;
}

const Delivery = row({
  id: col.int,
  endpointId: col.int,
  url: col.text,
  eventType: col.text,
  messageId: col.text,
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: col.int,
  responseStatus: col.int.nullable(),
  error: col.text.nullable(),
  durationMs: col.int.nullable(),
  createdAt: col.date,
  lastAttemptAt: col.date.nullable(),
});

const DELIVERIES = sql`SELECT d."id", d."endpointId", e."url", d."eventType", d."messageId", d."status", d."attempts", d."responseStatus", d."error", d."durationMs", d."createdAt", d."lastAttemptAt"
                       FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"`;

/** The delivery log: the project's latest deliveries, newest first. */
export async function listWebhookDeliveries(projectId: number, limit = 100): Promise<WebhookDeliveryView[]> {
  return db().many(Delivery, sql`${DELIVERIES} WHERE d."projectId" = ${projectId} ORDER BY d."id" DESC LIMIT ${limit}`);
}

/** One delivery of the project. */
export async function webhookDelivery(projectId: number, deliveryId: number): Promise<WebhookDeliveryView> {
  const d = await db().maybe(Delivery, sql`${DELIVERIES} WHERE d."projectId" = ${projectId} AND d."id" = ${deliveryId}`);
  if (!d) throw new AppError("not_found", `This project has no webhook delivery ${deliveryId}.`);
  return d;
}

/**
 * Sends a delivery again, with the same webhook-id (a receiver that got it drops the repeat): it
 * becomes pending and goes back on the queue with a fresh set of attempts.
 */
export async function redeliverWebhook(projectId: number, deliveryId: number, actor: Actor): Promise<void> {
  await db().tx(async (t) => {
    const d = await t.maybe(
      row({ status: col.text, disabled: col.bool }),
      sql`SELECT d."status", e."disabledAt" IS NOT NULL AS "disabled" FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId"
          WHERE d."id" = ${deliveryId} AND d."projectId" = ${projectId}${forUpdate(t, "", "d")}`,
    );
    if (!d) throw new AppError("not_found", `This project has no webhook delivery ${deliveryId}.`);
    if (d.disabled) throw new AppError("conflict", "Its endpoint was deleted or stopped; register it again to send to it.");
    if (d.status === "pending") throw new AppError("conflict", "It is being delivered already; wait for it to succeed or fail.");
    await t.exec(sql`UPDATE "WebhookDelivery" SET "status" = 'pending', "finishedAt" = NULL WHERE "id" = ${deliveryId}`);
    await writeAudit(t, { ...actor, action: "webhook.redelivered", entityType: "WebhookDelivery", entityId: deliveryId, projectId });
    await enqueue(t, "webhook", deliveryId);
  });
}

/**
 * Seals the signing secrets that endpoints registered before sealing keep in the clear (the worker
 * does it when it starts); returns how many. Idempotent, and safe with several workers at once.
 */
export async function sealClearSecrets(): Promise<number> {
  const clear = await db().many(row({ id: col.int, secret: col.text }), sql`SELECT "id", "secret" FROM "WebhookEndpoint" WHERE "secret" LIKE 'whsec\_%'`);
  for (const e of clear) await db().exec(sql`UPDATE "WebhookEndpoint" SET "secret" = ${sealSecret(e.secret, e.id)} WHERE "id" = ${e.id} AND "secret" = ${e.secret}`);
  return clear.length;
}
