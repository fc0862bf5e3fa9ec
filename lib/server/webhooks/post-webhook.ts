import "server-only";
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type net from "node:net";
import { isAllowedHost, nonPublicAddress, addressOf, refusedAddress, webhookTargetProblem, type TargetPolicy } from "../../domain/webhook-targets";
import { env } from "../../env";
import { AppError } from "../../errors";

/** The operator's settings for webhook targets. */
export const targetPolicy = (): TargetPolicy => ({ allowHttp: env.WEBHOOK_ALLOW_HTTP, allowedHosts: env.WEBHOOK_ALLOWED_HOSTS });

/** Resolves a host name to every address it has (dns.lookup's answer; a test may give its own). */
export type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;
const systemResolve: Resolve = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/** How long registration waits for a host name to resolve. */
const REGISTRATION_LOOKUP_MS = 5000;

/** A target refused for where it leads; `short` is the delivery log's error class. */
class RefusedTarget extends Error {
  constructor(readonly short: string) {
    super(short);
  }
}

/** An endpoint stopped while its delivery was on its way (its creator lost access): nothing is sent. */
class StoppedEndpoint extends Error {}

/**
 * Why the host of `url` may not take webhooks now, or null: each address it resolves to must be
 * public (or the host allowed by the operator). Registration asks this; a delivery checks the
 * address it actually connects to instead (see postWebhook), so a name that changes its answer
 * later (DNS rebinding) gains nothing.
 */
export async function webhookUrlRefusal(url: string, policy = targetPolicy(), resolve = systemResolve): Promise<string | null> {
  const problem = webhookTargetProblem(url, policy);
  if (problem) return problem;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  if (isAllowedHost(host, policy) || addressOf(host) !== null) return null; // an address: judged above
  let addresses: { address: string }[];
  try {
    // a name server that never answers must not hold the request (or libuv's few threads) for long
    addresses = await Promise.race([resolve(host), new Promise<never>((_, reject) => setTimeout(() => reject(new Error("slow")), REGISTRATION_LOOKUP_MS).unref())]);
  } catch {
    return `${host} cannot be resolved: give a host name that the workbench's server can look up`;
  }
  for (const { address } of addresses) {
    const why = isAllowedHost(address, policy) ? null : nonPublicAddress(address);
    if (why) return refusedAddress(`${host} (${address})`, why);
  }
  return null;
}

/** Registration's check: a refused URL is a field error of the form. */
export async function assertWebhookUrl(url: string): Promise<void> {
  const refusal = await webhookUrlRefusal(url);
  if (refusal) throw new AppError("invalid_input", refusal, { fieldErrors: { url: [refusal] } });
}

export interface PostResult {
  status: number | null;
  /** a short class of what went wrong, never the receiver's words */
  error: string | null;
  ms: number;
}

/**
 * POSTs one signed message and returns the answer's status. The connection goes only to an address
 * checked at this moment: a host name is resolved here and each address it gives is judged before
 * the socket opens (and the socket's peer once more when it connects); redirects are not followed;
 * the answer's body is never read (the socket is closed once the status line and headers are in),
 * so a receiver can neither fill the worker's memory nor have its words kept.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  opts: { timeoutMs: number; policy?: TargetPolicy; resolve?: Resolve; stillWanted?: () => Promise<boolean> },
): Promise<PostResult> {
  const policy = opts.policy ?? targetPolicy();
  const resolve = opts.resolve ?? systemResolve;
  const started = performance.now();
  const done = (status: number | null, error: string | null): PostResult => ({ status, error, ms: Math.round(performance.now() - started) });
  const problem = webhookTargetProblem(url, policy);
  const target = new URL(url);
  if (problem) return done(null, problem.startsWith(target.hostname) ? `refused: ${problem.split(": webhooks go")[0]}` : "refused: not an https URL");
  const allowedByName = isAllowedHost(target.hostname, policy);
  const stillWanted = opts.stillWanted ?? (async () => true);
  // the last word before a socket opens: an address given literally is not looked up
  if (addressOf(target.hostname) !== null && !(await stillWanted())) return done(null, STOPPED);

  // net's lookup hook: only the addresses judged here are ever connected to (with `all`, as Node's
  // family autoselection asks, it takes a list)
  const lookup = (host: string, options: { all?: boolean }, callback: (err: Error | null, address: string | { address: string; family: number }[], family?: number) => void) => {
    resolve(host).then(
      async (addresses) => {
        const usable = addresses.filter((a) => allowedByName || isAllowedHost(a.address, policy) || nonPublicAddress(a.address) === null);
        const first = addresses[0];
        if (usable.length === 0) return callback(new RefusedTarget(first ? `${host} is ${nonPublicAddress(first.address)}` : `${host} has no address`), "");
        if (!(await stillWanted().catch(() => false))) return callback(new StoppedEndpoint(), "");
        if (options.all) callback(null, usable);
        else callback(null, usable[0].address, usable[0].family);
      },
      (err: Error) => callback(err, ""),
    );
  };

  return new Promise<PostResult>((settle) => {
    const client = target.protocol === "https:" ? https : http;
    const req = client.request(target, { method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, agent: false, lookup: lookup as net.LookupFunction });
    let settled = false;
    const finish = (r: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      settle(r);
    };
    // settled by the clock whatever the socket does (a 101 answer, say, ends the request with no event)
    const timer = setTimeout(() => {
      finish(done(null, `no answer within ${opts.timeoutMs / 1000} s`));
      req.destroy();
    }, opts.timeoutMs);
    req.on("socket", (socket: net.Socket) => {
      socket.once("connect", () => {
        // the peer actually reached: an address given literally skips lookup, so it is judged here too
        const peer = socket.remoteAddress ?? "";
        const why = allowedByName || isAllowedHost(peer, policy) ? null : nonPublicAddress(peer);
        if (why) req.destroy(new RefusedTarget(`${peer} is ${why}`));
      });
    });
    req.on("response", (res) => {
      const status = res.statusCode ?? 0;
      res.destroy(); // the body is not wanted: nothing of it is read or kept
      req.destroy();
      const ok = status >= 200 && status < 300;
      finish(done(status, ok ? null : status >= 300 && status < 400 ? `answered ${status} (redirects are not followed)` : `answered ${status}`));
    });
    req.on("error", (e) => finish(done(null, classOf(e, opts.timeoutMs))));
    // closed with neither an answer nor an error (a 101 Switching Protocols, which no one here takes)
    req.on("close", () => finish(done(null, "connection closed without an answer")));
    req.end(body);
  });
}

const STOPPED = "the endpoint was stopped before sending";

/** A failure's class for the delivery log, in a few words. */
function classOf(e: Error, timeoutMs = 0): string {
  if (e instanceof RefusedTarget) return `refused: ${e.short}`;
  if (e instanceof StoppedEndpoint) return STOPPED;
  const code = (e as Error & { code?: string }).code ?? "";
  if (code === "WEBHOOK_TIMEOUT" || code === "ETIMEDOUT") return `no answer within ${timeoutMs / 1000} s`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") return "host name not found";
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ECONNRESET" || code === "EPIPE") return "connection reset";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return "host unreachable";
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return "TLS certificate not trusted";
  return "connection failed";
}
