import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { currentSessionSecret } from "../../auth/session-secret";
import { dataDir, env } from "../../env";
import { AppError } from "../../errors";

// Webhook signing secrets are kept sealed (AES-256-GCM). The key is WORKBENCH_SECRET_KEY when set,
// else derived (HKDF) from the session secret, which every instance shares already: NEXTAUTH_SECRET,
// or the one generated into the database. Only a key set in the environment (WORKBENCH_SECRET_KEY or
// NEXTAUTH_SECRET) stays out of the database, so that a copy of it or a backup does not let its
// reader sign messages as the workbench; docs/deployment.md says so.

const PREFIX = "sealed:v1:";

let cached: { from: string; key: Buffer } | null = null;

function key(): Buffer {
  const from = env.WORKBENCH_SECRET_KEY || currentSessionSecret(dataDir());
  if (cached?.from !== from) cached = { from, key: Buffer.from(hkdfSync("sha256", from, "humanllm-workbench", "webhook signing secrets", 32)) };
  return cached.key;
}

/** What a sealed secret is bound to: its own endpoint (a sealed value copied to another row does not open there). */
const boundTo = (endpointId: number) => Buffer.from(`WebhookEndpoint:${endpointId}`);

/** A secret as the database keeps it for one endpoint: sealed, with a fresh nonce each time. */
export function sealSecret(secret: string, endpointId: number): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv, { authTagLength: 16 });
  cipher.setAAD(boundTo(endpointId));
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64");
}

/** True when a stored value is sealed (an endpoint registered before sealing keeps its secret in the clear until a worker seals it). */
export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/** The secret an endpoint's stored value holds; refused when it was sealed under another key or for another endpoint. */
export function openSecret(stored: string, endpointId: number): string {
  if (!isSealed(stored)) {
    if (/^whsec_[A-Za-z0-9+/]{43}=$/.test(stored)) return stored; // registered before sealing, not yet sealed
    throw unreadable();
  }
  const raw = Buffer.from(stored.slice(PREFIX.length), "base64");
  if (raw.length < 12 + 16 + 1) throw unreadable();
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12), { authTagLength: 16 });
    decipher.setAAD(boundTo(endpointId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    throw unreadable();
  }
}

function unreadable(): AppError {
  return new AppError(
    "conflict",
    "This endpoint's signing secret cannot be opened: it was sealed under another key (WORKBENCH_SECRET_KEY or the session secret changed, or the database was restored elsewhere) or altered. Restore that key, or delete the endpoint and register it again.",
  );
}
