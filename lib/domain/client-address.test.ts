import { describe, expect, it } from "vitest";
import { clientAddressFrom, isTrustedProxy, normalizeAddress, parseTrustedProxies, throttleBucket } from "./client-address";

const trusted = (...entries: string[]) => {
  const { ranges, invalid } = parseTrustedProxies(entries);
  expect(invalid).toEqual([]);
  return ranges;
};

describe("normalizeAddress", () => {
  it("writes IPv4, IPv4-mapped IPv6 and IPv6 in one canonical form", () => {
    expect(normalizeAddress("203.0.113.9")).toBe("203.0.113.9");
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("::FFFF:7f00:1")).toBe("127.0.0.1");
    expect(normalizeAddress("2001:DB8:0:0:0:0:0:1")).toBe("2001:db8::1");
    expect(normalizeAddress("2001:db8:0:0:1:0:0:1")).toBe("2001:db8::1:0:0:1");
    expect(normalizeAddress("::1")).toBe("::1");
    expect(normalizeAddress("::")).toBe("::");
    expect(normalizeAddress("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeAddress("1:2:3:4:5:6:7:8")).toBe("1:2:3:4:5:6:7:8");
    expect(normalizeAddress("64:ff9b::192.0.2.33")).toBe("64:ff9b::c000:221");
  });

  it("refuses what is not an address", () => {
    for (const bad of ["", "unknown", "256.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "::g", "1.2.3.4/8", "localhost"]) {
      expect(normalizeAddress(bad), bad).toBeNull();
    }
  });
});

describe("parseTrustedProxies and isTrustedProxy", () => {
  it("match single addresses and CIDR ranges of IPv4 and IPv6", () => {
    const ranges = trusted("10.0.0.0/8", "192.0.2.7", "2001:db8::/32", "fd00::1", "172.16.0.0/12");
    for (const yes of ["10.1.2.3", "::ffff:10.255.0.1", "192.0.2.7", "2001:db8:ffff::1", "fd00::1", "172.31.255.255"]) expect(isTrustedProxy(yes, ranges), yes).toBe(true);
    for (const no of ["11.0.0.1", "192.0.2.8", "2001:db9::1", "fd00::2", "172.32.0.0", "garbage"]) expect(isTrustedProxy(no, ranges), no).toBe(false);
  });

  it("take prefixes that do not fall on a byte boundary, and /0 as everything", () => {
    const ranges = trusted("198.51.100.64/27");
    expect(isTrustedProxy("198.51.100.64", ranges)).toBe(true);
    expect(isTrustedProxy("198.51.100.95", ranges)).toBe(true);
    expect(isTrustedProxy("198.51.100.96", ranges)).toBe(false);
    expect(isTrustedProxy("198.51.100.63", ranges)).toBe(false);
    expect(isTrustedProxy("2001:db8::1", trusted("::/0"))).toBe(true);
    // an IPv4 /0 is every IPv4 address, not every IPv6 one
    expect(isTrustedProxy("8.8.8.8", trusted("0.0.0.0/0"))).toBe(true);
    expect(isTrustedProxy("2001:db8::1", trusted("0.0.0.0/0"))).toBe(false);
  });

  it("name the entries that are neither an address nor a range", () => {
    expect(parseTrustedProxies(["10.0.0.0/33", "proxy.internal", "10.0.0.1/8/1", "::1/129", "10.0.0.0/x", "127.0.0.1"]).invalid).toEqual([
      "10.0.0.0/33",
      "proxy.internal",
      "10.0.0.1/8/1",
      "::1/129",
      "10.0.0.0/x",
    ]);
  });
});

describe("clientAddressFrom", () => {
  const proxies = trusted("10.0.0.0/8", "2001:db8:aaaa::/48");

  it("is the connection's address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddressFrom("203.0.113.9", "198.51.100.1", [])).toBe("203.0.113.9");
    expect(clientAddressFrom("::ffff:127.0.0.1", "1.2.3.4, 5.6.7.8", [])).toBe("127.0.0.1");
    expect(clientAddressFrom("203.0.113.9", null, proxies)).toBe("203.0.113.9");
  });

  it("is the connection's address when the peer is not a trusted proxy, even if X-Forwarded-For names one", () => {
    expect(clientAddressFrom("203.0.113.9", "10.0.0.5", proxies)).toBe("203.0.113.9");
  });

  it("behind trusted proxies, is the right-most X-Forwarded-For entry that is not one of them", () => {
    // the client wrote "1.1.1.1" itself; the proxy appended what it saw
    expect(clientAddressFrom("10.0.0.2", "1.1.1.1, 203.0.113.9", proxies)).toBe("203.0.113.9");
    // two proxies: the outer one appended the client, the inner one the outer
    expect(clientAddressFrom("10.0.0.2", "1.1.1.1, 203.0.113.9, 10.0.0.3", proxies)).toBe("203.0.113.9");
    expect(clientAddressFrom("2001:db8:aaaa::1", "2001:db8:bbbb::7", proxies)).toBe("2001:db8:bbbb::7");
    expect(clientAddressFrom("10.0.0.2", "[2001:db8:bbbb::7]:4431", proxies)).toBe("2001:db8:bbbb::7");
    expect(clientAddressFrom("10.0.0.2", "203.0.113.9:52100", proxies)).toBe("203.0.113.9");
  });

  it("stops at the last trusted hop when an entry is no address, or when every entry is trusted", () => {
    expect(clientAddressFrom("10.0.0.2", "1.1.1.1, unknown", proxies)).toBe("10.0.0.2");
    expect(clientAddressFrom("10.0.0.2", "1.1.1.1, garbage, 10.0.0.3", proxies)).toBe("10.0.0.3");
    expect(clientAddressFrom("10.0.0.2", "10.0.0.9, 10.0.0.3", proxies)).toBe("10.0.0.9");
    expect(clientAddressFrom("10.0.0.2", "", proxies)).toBe("10.0.0.2");
    expect(clientAddressFrom("10.0.0.2", null, proxies)).toBe("10.0.0.2");
  });

  it("is null without a peer (a server that did not say who connected)", () => {
    expect(clientAddressFrom(null, "203.0.113.9", proxies)).toBeNull();
    expect(clientAddressFrom("", "203.0.113.9", [])).toBeNull();
    expect(clientAddressFrom("not-an-address", "203.0.113.9", [])).toBeNull();
  });
});

describe("throttleBucket", () => {
  it("keeps an IPv4 address and counts IPv6 by its /64", () => {
    expect(throttleBucket("203.0.113.9")).toBe("203.0.113.9");
    expect(throttleBucket("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(throttleBucket("2001:db8:1:2::1")).toBe(throttleBucket("2001:db8:1:2:ffff::9"));
    expect(throttleBucket("::1")).toBe("::/64");
  });
});
