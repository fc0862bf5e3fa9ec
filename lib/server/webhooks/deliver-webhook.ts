import "server-only";
import { openDb, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { webhookHeaders } from "../../domain/webhooks";
import { AppError } from "../../errors";
import type { PerformOptions } from "../perform-job";
import { postWebhook } from "./post-webhook";
import { openSecret } from "./secret-box";

/** How long a receiver has to answer an attempt. */
export const DELIVERY_TIMEOUT_MS = 10_000;

const Delivery = row({ id: col.int, endpointId: col.int, status: col.text, messageId: col.text, payload: col.text, url: col.text, secret: col.text, disabled: col.bool });

export interface Attempt {
  ok: boolean;
  status: number | null;
  error: string | null;
  ms: number;
}

/**
 * One POST of a message to its endpoint, signed afresh (the timestamp is the attempt's). The endpoint
 * is asked once more just before the socket opens: one stopped meanwhile (its creator lost access)
 * is sent nothing.
 */
async function attempt(q: Queryable, d: { endpointId: number; url: string; secret: string; messageId: string; payload: string }): Promise<Attempt> {
  let secret: string;
  try {
    secret = openSecret(d.secret, d.endpointId);
  } catch {
    return { ok: false, status: null, error: "signing secret unreadable (sealed under another key, or altered)", ms: 0 };
  }
  const stillWanted = async () => (await q.maybe(row({ id: col.int }), sql`SELECT "id" FROM "WebhookEndpoint" WHERE "id" = ${d.endpointId} AND "disabledAt" IS NULL`)) !== undefined;
  const r = await postWebhook(d.url, webhookHeaders(secret, d.messageId, d.payload), d.payload, { timeoutMs: DELIVERY_TIMEOUT_MS, stillWanted });
  return { ok: r.error === null, ...r };
}

/**
 * A worker's attempt at a delivery: posts it and logs the attempt on its row. A failure throws while
 * the queue will try again (after a backoff that doubles); on the last attempt it is recorded as
 * failed, and a lead can redeliver it from the settings page.
 */
export async function deliverWebhook(deliveryId: number, opts: PerformOptions = {}): Promise<Attempt | null> {
  const db = openDb(opts.url);
  try {
    const d = await db.maybe(
      Delivery,
      sql`SELECT d."id", d."endpointId", d."status", d."messageId", d."payload", e."url", e."secret", e."disabledAt" IS NOT NULL AS "disabled"
          FROM "WebhookDelivery" d JOIN "WebhookEndpoint" e ON e."id" = d."endpointId" WHERE d."id" = ${deliveryId}`,
    );
    if (!d) throw new AppError("not_found", `Webhook delivery ${deliveryId} does not exist (its endpoint was deleted).`);
    if (d.status !== "pending") return null;
    if (d.disabled) {
      await finish(db, deliveryId, "failed", "the endpoint is disabled");
      return null;
    }
    const a = await attempt(db, d);
    const final = a.ok || opts.finalAttempt !== false;
    await db.exec(
      sql`UPDATE "WebhookDelivery" SET "attempts" = "attempts" + 1, "responseStatus" = ${a.status}, "error" = ${a.error}, "durationMs" = ${a.ms},
            "lastAttemptAt" = ${new Date()}, "status" = ${a.ok ? "succeeded" : final ? "failed" : "pending"}, "finishedAt" = ${final ? new Date() : null}
          WHERE "id" = ${deliveryId}`,
    );
    if (!a.ok && !final) throw new Error(`delivery to ${d.url} failed (${a.error}); the queue tries again`);
    return a;
  } finally {
    await db.close();
  }
}

async function finish(q: Queryable, id: number, status: "failed", error: string) {
  await q.exec(sql`UPDATE "WebhookDelivery" SET "status" = ${status}, "error" = ${error}, "finishedAt" = ${new Date()} WHERE "id" = ${id} AND "status" = 'pending'`);
}

/** Records why a delivery stopped when its worker died on the last attempt. */
export async function abandonDelivery(q: Queryable, id: number, reason: string): Promise<void> {
  await finish(q, id, "failed", reason);
}
