/**
 * Who is on the other end of a request, for the login throttle: the connection's address, or, when
 * the connection comes from a reverse proxy the operator trusts (TRUSTED_PROXIES), the address that
 * proxy saw, which it appended to X-Forwarded-For. Entries a client wrote into X-Forwarded-For
 * itself sit left of that and are never believed. Pure: the server passes the peer and the headers.
 */
import ipaddr from "ipaddr.js";

/**
 * The header the workbench's own server (scripts/serve.ts) sets on every request to the
 * connection's address, overwriting whatever a client sent under that name.
 */
export const PEER_HEADER = "x-workbench-peer";

/**
 * The environment variable scripts/serve.ts sets in its process: only then is PEER_HEADER the
 * server's word and not a client's (under `next start` or `next dev` nothing overwrites it).
 */
export const PEER_HEADER_ENV = "WORKBENCH_PEER_HEADER";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** An address in strict notation (four-part decimal IPv4, or IPv6 without its zone), IPv4-mapped IPv6 as IPv4; null for anything else. */
function parse(text: string): Address | null {
  const t = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(t)) return ipaddr.IPv4.parse(t);
  if (!t.includes(":") || !ipaddr.IPv6.isValid(t)) return null;
  const v6 = ipaddr.IPv6.parse(t);
  // a zone (fe80::1%eth0) names an interface, not a host
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : new ipaddr.IPv6(v6.parts);
}

/** The address in canonical text (IPv4 dotted, IPv6 compressed lowercase, RFC 5952), or null for anything that is not an IPv4 or IPv6 address. */
export function normalizeAddress(text: string): string | null {
  return parse(text)?.toString() ?? null;
}

/**
 * An address as a proxy writes it into X-Forwarded-For, which may carry a port (203.0.113.9:5432,
 * [2001:db8::1]:443) or brackets; null when it is no address.
 */
function forwardedAddress(entry: string): Address | null {
  const t = entry.trim();
  const bracketed = t.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) return bracketed[1].includes(":") ? parse(bracketed[1]) : null;
  const v4WithPort = t.match(/^(\d+\.\d+\.\d+\.\d+):\d+$/);
  return parse(v4WithPort ? v4WithPort[1] : t);
}

export interface AddressRange {
  address: Address;
  /** leading bits that must match */
  bits: number;
}

/**
 * TRUSTED_PROXIES' entries (addresses, or CIDR ranges such as 10.0.0.0/8 or 2001:db8::/32) as
 * ranges, and the entries that are neither, for the start-up to refuse.
 */
export function parseTrustedProxies(entries: readonly string[]): { ranges: AddressRange[]; invalid: string[] } {
  const ranges: AddressRange[] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    const [text, prefix, ...extra] = entry.trim().split("/");
    const address = parse(text);
    const max = address?.kind() === "ipv4" && !text.includes(":") ? 32 : 128;
    const bits = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!address || extra.length || !(bits >= 0 && bits <= max)) invalid.push(entry);
    // an IPv4-mapped range (::ffff:10.0.0.0/104) is the IPv4 range it maps
    else ranges.push(max === 128 && address.kind() === "ipv4" ? { address, bits: Math.max(0, bits - 96) } : { address, bits });
  }
  return { ranges, invalid };
}

function inRange(a: Address, r: AddressRange): boolean {
  if (a.kind() === r.address.kind()) return a.match(r.address, r.bits);
  // an IPv6 range holds IPv4 addresses as their IPv4-mapped forms (::/0 is every address); an IPv4 range holds no IPv6 address
  return a.kind() === "ipv4" && (a as ipaddr.IPv4).toIPv4MappedAddress().match(r.address, r.bits);
}

/** Whether an address is one of the trusted proxies. */
export function isTrustedProxy(address: string, ranges: readonly AddressRange[]): boolean {
  const a = parse(address);
  return a !== null && ranges.some((r) => inRange(a, r));
}

/**
 * The client's address, in canonical text: the connection's peer, unless the peer is a trusted
 * proxy; then, walking X-Forwarded-For from its right end (the entry the nearest proxy appended),
 * the first address that is not itself a trusted proxy. An entry that is no address ends the walk
 * at the last trusted hop (a proxy that appends garbage cannot be told from a client that wrote
 * it). Null without a peer.
 */
export function clientAddressFrom(peer: string | null | undefined, forwardedFor: string | null | undefined, trusted: readonly AddressRange[]): string | null {
  let client = peer ? parse(peer) : null;
  if (!client) return null;
  if (!trusted.some((r) => inRange(client!, r))) return client.toString();
  const entries = (forwardedFor ?? "").split(",").filter((e) => e.trim() !== "");
  for (let i = entries.length - 1; i >= 0; i--) {
    const hop = forwardedAddress(entries[i]);
    if (!hop) break;
    client = hop;
    if (!trusted.some((r) => inRange(hop, r))) break;
  }
  return client.toString();
}

/**
 * The key the login throttle counts an address under: an IPv4 address as it is, an IPv6 address
 * by its /64 network, as one subscriber gets a whole /64 and could take a fresh address per try.
 */
export function throttleBucket(address: string): string {
  const a = parse(address);
  if (!a) return address;
  if (a.kind() === "ipv4") return a.toString();
  return `${new ipaddr.IPv6([...(a as ipaddr.IPv6).parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}
