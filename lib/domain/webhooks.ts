import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Webhooks as the Standard Webhooks specification has them (standardwebhooks.com): every delivery
// carries webhook-id (the same on every attempt of a message, for the receiver to drop repeats),
// webhook-timestamp (Unix seconds of the attempt) and webhook-signature ("v1," and the base64
// HMAC-SHA256 of "id.timestamp.body" under the endpoint's secret, "whsec_" and base64 bytes).

export const WEBHOOK_EVENTS = ["batch.imported", "batch.failed", "artifact.finalized", "adjudication.recorded", "rules.published", "split.frozen", "export.finished"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What each event says, for the settings page and the docs. */
export const WEBHOOK_EVENT_TEXT: Record<WebhookEvent, string> = {
  "batch.imported": "a batch was imported (its summary)",
  "batch.failed": "a batch was refused (its first bad lines)",
  "artifact.finalized": "artifacts became final, accepted or rejected (batched: up to 1,000 a message)",
  "adjudication.recorded": "a lead decided a dispute",
  "rules.published": "a new QC rule set version became current",
  "split.frozen": "a split version was frozen (its files and their sha256)",
  "export.finished": "an export of a split version finished (its files)",
};

/** A new endpoint secret: "whsec_" and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** A message id: "msg_" and 16 random bytes, URL-safe. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith("whsec_")) throw new Error("a webhook secret starts with whsec_");
  return Buffer.from(secret.slice("whsec_".length), "base64");
}

/** The webhook-signature header of a message: "v1," and the base64 HMAC-SHA256 of "id.timestamp.body". */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac("sha256", keyOf(secret)).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The headers of one attempt of a message. */
export function webhookHeaders(secret: string, id: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return { "content-type": "application/json", "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signWebhook(secret, id, timestamp, body) };
}

/**
 * What a receiver checks: the three headers present, the timestamp within `toleranceSeconds` of its
 * clock (replays), and one of the space-separated v1 signatures matching, compared in constant time.
 * Returns why not, or null when the message is authentic.
 */
export function verifyWebhook(secret: string, headers: Record<string, string | undefined>, body: string, opts: { now?: number; toleranceSeconds?: number } = {}): string | null {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const signatures = headers["webhook-signature"];
  if (!id || !timestamp || !signatures) return "a webhook-id, webhook-timestamp or webhook-signature header is missing";
  const ts = Number(timestamp);
  if (!Number.isInteger(ts)) return "webhook-timestamp is not whole Unix seconds";
  if (Math.abs((opts.now ?? Date.now()) / 1000 - ts) > (opts.toleranceSeconds ?? 300)) return "webhook-timestamp is too far from now";
  const expected = Buffer.from(signWebhook(secret, id, ts, body));
  const ok = signatures.split(" ").some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return ok ? null : "no signature matches";
}

/**
 * Why a URL cannot take deliveries as written, or null: a whole http(s) URL with no credentials in
 * it. Where it may lead (https, public addresses) is the server's check: lib/domain/webhook-targets.ts.
 */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Give a whole URL, such as https://pipeline.example.org/hooks/workbench";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "A webhook URL starts with https://";
  if (url.username || url.password) return "Leave credentials out of the URL: every delivery is signed with the endpoint's secret instead";
  return null;
}

/** The body of a message: the event's type, when it happened, and its data. */
export function webhookEnvelope(type: WebhookEvent, data: Record<string, unknown>, at = new Date()): string {
  return JSON.stringify({ type, timestamp: at.toISOString(), data });
}
