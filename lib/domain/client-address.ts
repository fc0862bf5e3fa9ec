/**
 * Who is on the other end of a request, for the login throttle: the connection's address, or, when
 * the connection comes from a reverse proxy the operator trusts (TRUSTED_PROXIES), the address that
 * proxy saw, which it appended to X-Forwarded-For. Entries a client wrote into X-Forwarded-For
 * itself sit left of that and are never believed. Pure: the server passes the peer and the headers.
 */

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

/** An address as 16 bytes (IPv4 as the IPv4-mapped IPv6 address ::ffff:a.b.c.d). */
type Bytes = Uint8Array;

function parseIPv4(text: string): Bytes | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...parts.map(Number)]);
}

function parseIPv6(text: string): Bytes | null {
  let s = text.toLowerCase().replace(/%.*$/, ""); // a zone (fe80::1%eth0) names an interface, not a host
  let tail: number[] = [];
  const dotted = s.match(/^(.*:)(\d+\.\d+\.\d+\.\d+)$/);
  if (dotted) {
    const v4 = parseIPv4(dotted[2]);
    if (!v4) return null;
    tail = [(v4[12] << 8) | v4[13], (v4[14] << 8) | v4[15]];
    s = dotted[1].endsWith("::") ? dotted[1] : dotted[1].slice(0, -1);
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (![...head, ...rest].every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 2 ? known > 7 : known !== 8) return null;
  const words = [...head.map((g) => parseInt(g, 16)), ...Array<number>(8 - known).fill(0), ...rest.map((g) => parseInt(g, 16)), ...tail];
  return Uint8Array.from(words.flatMap((w) => [w >> 8, w & 0xff]));
}

function parseBytes(text: string): Bytes | null {
  const t = text.trim();
  return t.includes(":") ? parseIPv6(t) : parseIPv4(t);
}

const isMappedIPv4 = (b: Bytes) => b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;

/** An address in one canonical text: IPv4 (and IPv4-mapped IPv6) dotted, IPv6 compressed lowercase (RFC 5952). */
function format(b: Bytes): string {
  if (isMappedIPv4(b)) return [...b.slice(12)].join(".");
  const words = Array.from({ length: 8 }, (_, i) => (b[2 * i] << 8) | b[2 * i + 1]);
  let best = { at: -1, len: 1 }; // the longest run of zero words (two or more) becomes "::"
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (best.at < 0) return hex.join(":");
  return `${hex.slice(0, best.at).join(":")}::${hex.slice(best.at + best.len).join(":")}`;
}

/** The address in canonical text, or null for anything that is not an IPv4 or IPv6 address. */
export function normalizeAddress(text: string): string | null {
  const b = parseBytes(text);
  return b && format(b);
}

/**
 * An address as a proxy writes it into X-Forwarded-For, which may carry a port (203.0.113.9:5432,
 * [2001:db8::1]:443) or brackets; null when it is no address.
 */
function forwardedAddress(entry: string): Bytes | null {
  const t = entry.trim();
  const bracketed = t.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) return parseIPv6(bracketed[1]);
  const v4WithPort = t.match(/^(\d+\.\d+\.\d+\.\d+):\d+$/);
  return parseBytes(v4WithPort ? v4WithPort[1] : t);
}

export interface AddressRange {
  bytes: Bytes;
  /** leading bits that must match, out of 128 */
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
    const [addr, prefix, ...extra] = entry.trim().split("/");
    const bytes = parseBytes(addr);
    const v4 = bytes !== null && !addr.includes(":");
    const max = v4 ? 32 : 128;
    const n = prefix === undefined ? max : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!bytes || extra.length || !(n >= 0 && n <= max)) invalid.push(entry);
    else ranges.push({ bytes, bits: v4 ? 96 + n : n });
  }
  return { ranges, invalid };
}

function inRange(b: Bytes, r: AddressRange): boolean {
  for (let bit = 0; bit < r.bits; bit += 8) {
    const take = Math.min(8, r.bits - bit);
    const mask = (0xff << (8 - take)) & 0xff;
    if ((b[bit / 8] & mask) !== (r.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

/** Whether an address is one of the trusted proxies. */
export function isTrustedProxy(address: string, ranges: readonly AddressRange[]): boolean {
  const b = parseBytes(address);
  return b !== null && ranges.some((r) => inRange(b, r));
}

/**
 * The client's address, in canonical text: the connection's peer, unless the peer is a trusted
 * proxy; then, walking X-Forwarded-For from its right end (the entry the nearest proxy appended),
 * the first address that is not itself a trusted proxy. An entry that is no address ends the walk
 * at the last trusted hop (a proxy that appends garbage cannot be told from a client that wrote
 * it). Null without a peer.
 */
export function clientAddressFrom(peer: string | null | undefined, forwardedFor: string | null | undefined, trusted: readonly AddressRange[]): string | null {
  const peerBytes = peer ? parseBytes(peer) : null;
  if (!peerBytes) return null;
  let client = peerBytes;
  if (!trusted.some((r) => inRange(client, r))) return format(client);
  const entries = (forwardedFor ?? "").split(",").filter((e) => e.trim() !== "");
  for (let i = entries.length - 1; i >= 0; i--) {
    const hop = forwardedAddress(entries[i]);
    if (!hop) break;
    client = hop;
    if (!trusted.some((r) => inRange(hop, r))) break;
  }
  return format(client);
}

/**
 * The key the login throttle counts an address under: an IPv4 address as it is, an IPv6 address
 * by its /64 network, as one subscriber gets a whole /64 and could take a fresh address per try.
 */
export function throttleBucket(address: string): string {
  const b = parseBytes(address);
  if (!b) return address;
  if (isMappedIPv4(b)) return format(b);
  const network = Uint8Array.from([...b.slice(0, 8), 0, 0, 0, 0, 0, 0, 0, 0]);
  return `${format(network)}/64`;
}
