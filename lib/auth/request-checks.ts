import { jsonDepth, MAX_JSON_DEPTH } from "../domain/json-depth";
import { env } from "../env";
import { AppError } from "../errors";

/** What a JSON request body may weigh at most, counted as its bytes arrive (never from Content-Length). */
export const MAX_JSON_BODY = 1 << 20;

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The origins this app answers on: the one the request was sent to (Host, or the proxy's X-Forwarded-Host) and NEXTAUTH_URL's. */
function ownOrigins(req: Request): Set<string> {
  const own = new Set<string>();
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0].trim() ?? new URL(req.url).protocol.replace(":", "");
  if (host) own.add(`${proto}://${host}`);
  if (env.NEXTAUTH_URL) own.add(new URL(env.NEXTAUTH_URL).origin);
  return own;
}

/**
 * Refuses a state-changing request that a session cookie would carry from another site: its Origin
 * must be this app's (a page on another port of the same host is another origin). Browsers send
 * Origin with every POST; a request without one is refused too, as nothing of ours sends that.
 */
export function assertSameOrigin(req: Request): void {
  if (!STATE_CHANGING.has(req.method)) return;
  const origin = req.headers.get("origin");
  if (!origin) throw new AppError("forbidden", "This request did not say which page sent it (no Origin header); the workbench takes changes only from its own pages.");
  if (!ownOrigins(req).has(origin)) throw new AppError("forbidden", `Refused a request sent from another site (${origin}).`);
}

/** Refuses a JSON route's body sent as anything but application/json (a form or text/plain post skips the browser's CORS preflight). */
export function assertJson(req: Request): void {
  const type = req.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/json") throw new AppError("unsupported_media_type", "Send the request body as JSON, with Content-Type: application/json.");
}

/** The body's bytes, read up to `limit`: past it the reading stops and the answer is 413, whatever Content-Length said. */
export async function readBody(req: Request, limit: number): Promise<Buffer> {
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError("payload_too_large", `The request body is over the limit of ${limit.toLocaleString("en")} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A JSON object body (an empty body is `{}` where allowed), read within MAX_JSON_BODY and nested at
 * most MAX_JSON_DEPTH deep: a deeper body is refused before it is parsed, as whatever walks the
 * value later (diffs, canonical JSON) would recurse once per level.
 */
export async function readJsonBody(req: Request, opts: { emptyIsObject?: boolean } = {}): Promise<Record<string, unknown>> {
  const bytes = await readBody(req, MAX_JSON_BODY);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "The request body must be a JSON object in UTF-8.");
  }
  if (opts.emptyIsObject && text.trim() === "") return {};
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new AppError("bad_request", `The request body nests arrays and objects too deep: JSON bodies may nest at most ${MAX_JSON_DEPTH} levels.`);
  }
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new AppError("bad_request", "The request body must be a JSON object.");
}
