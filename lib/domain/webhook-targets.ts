import ipaddr from "ipaddr.js";
import { normalizeAddress } from "./client-address";

// Where webhooks may go: public addresses only, so that a lead cannot make the worker reach into
// the network it runs in (the database, metadata services, admin ports) and read what answers.
// The server checks the URL when an endpoint is registered and the address it connects to at every
// delivery (lib/server/webhooks/post-webhook.ts); these are the rules both apply.

/** What an operator allows beyond public https targets (WEBHOOK_ALLOW_HTTP, WEBHOOK_ALLOWED_HOSTS). */
export interface TargetPolicy {
  allowHttp: boolean;
  /** host names and addresses, lower case, IPv6 without brackets */
  allowedHosts: readonly string[];
}

const RANGE_TEXT: Record<string, string> = {
  loopback: "a loopback address",
  private: "a private address",
  linkLocal: "a link-local address (where cloud metadata services answer)",
  uniqueLocal: "a unique-local address",
  multicast: "a multicast address",
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  carrierGradeNat: "a shared (carrier-grade NAT) address",
  reserved: "a reserved address",
  ipv4Compatible: "an IPv4-compatible IPv6 address",
};

/**
 * Why `address` (an IP address in any notation Node or a URL gives) may not take webhooks, as words
 * ("a loopback address"), or null when it is a public unicast address. IPv4-mapped IPv6 addresses
 * are judged as the IPv4 address they carry; translation prefixes (NAT64, 6to4, Teredo) are refused,
 * since what they reach cannot be told from here.
 */
export function nonPublicAddress(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return "not an IP address";
  const ip = ipaddr.process(bare);
  const range = ip.range();
  if (range !== "unicast") return RANGE_TEXT[range] ?? `a special-purpose address (${range})`;
  // ::a.b.c.d, deprecated, and not what it seems to a reader
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).parts.slice(0, 6).every((p) => p === 0)) return RANGE_TEXT.ipv4Compatible;
  return null;
}

/** A host written as an IP address (a URL's hostname, IPv6 in brackets) in its one spelling, or null for a name. */
export const addressOf = (host: string): string | null => normalizeAddress(host.replace(/^\[|\]$/g, ""));

/** True when the operator named this host (or this address) in WEBHOOK_ALLOWED_HOSTS. */
export function isAllowedHost(hostOrAddress: string, policy: TargetPolicy): boolean {
  const host = hostOrAddress
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  const address = addressOf(host);
  return policy.allowedHosts.some((allowed) => allowed.replace(/\.$/, "") === host || (address !== null && addressOf(allowed) === address));
}

/**
 * Why a webhook URL is refused before any name is resolved, or null: https only (http when the
 * operator allows it), and a host written as an address must be public unless allowed. A host name
 * is checked by what it resolves to, when it is registered and at every delivery.
 */
export function webhookTargetProblem(raw: string, policy: TargetPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Give a whole URL, such as https://pipeline.example.org/hooks/workbench";
  }
  if (url.protocol === "http:" && !policy.allowHttp) return "A webhook URL starts with https:// (plain http is taken only where the operator sets WEBHOOK_ALLOW_HTTP for development)";
  if (url.protocol !== "https:" && url.protocol !== "http:") return "A webhook URL starts with https://";
  if (isAllowedHost(url.hostname, policy)) return null;
  const address = addressOf(url.hostname);
  const why = address === null ? null : nonPublicAddress(address);
  return why ? refusedAddress(url.hostname, why) : null;
}

/** The message for a target that is not public (the same at registration and at delivery). */
export function refusedAddress(host: string, why: string): string {
  return `${host} is ${why}: webhooks go only to public addresses (an operator can allow an internal host with WEBHOOK_ALLOWED_HOSTS)`;
}
