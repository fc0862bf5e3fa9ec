import "server-only";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { newMessageId, webhookEnvelope, type WebhookEvent } from "../../domain/webhooks";
import { enqueue } from "../jobs/queue";

const Endpoint = row({ id: col.int });

/**
 * Tells the project's endpoints that subscribe to `type` of an event, in the caller's transaction:
 * one delivery row and one queued job per endpoint, so a message exists if and only if what it tells
 * of commits, and the caller never waits for a receiver. A project without endpoints costs one lookup.
 */
export async function emitEvent(t: Queryable, projectId: number, type: WebhookEvent, data: Record<string, unknown>, at = new Date()): Promise<number> {
  const endpoints = await t.many(Endpoint, sql`SELECT "id" FROM "WebhookEndpoint" WHERE "projectId" = ${projectId} AND "disabledAt" IS NULL AND ${type} = ANY ("events") ORDER BY "id"`);
  if (endpoints.length === 0) return 0;
  const payload = webhookEnvelope(type, { projectId, ...data }, at);
  for (const e of endpoints) {
    const { id } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "WebhookDelivery" ("endpointId", "projectId", "messageId", "eventType", "payload", "createdAt") VALUES (${e.id}, ${projectId}, ${newMessageId()}, ${type}, ${payload}, ${at}) RETURNING "id"`,
    );
    await enqueue(t, "webhook", id);
  }
  return endpoints.length;
}
