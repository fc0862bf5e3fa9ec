import { describe, expect, it } from "vitest";
import { isAllowedHost, nonPublicAddress, webhookTargetProblem, type TargetPolicy } from "./webhook-targets";

const strict: TargetPolicy = { allowHttp: false, allowedHosts: [] };

describe("nonPublicAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"],
    ["fe80::1", "link-local"],
    ["fd00:ec2::254", "unique-local"],
    ["fc00::1", "unique-local"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["100.64.0.1", "carrier-grade"],
    ["192.0.2.1", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::7f00:1", "IPv4-compatible"],
    ["64:ff9b::7f00:1", "rfc6052"],
    ["2002:7f00:1::", "6to4"],
    ["[::1]", "loopback"],
  ])("refuses %s (%s)", (address, why) => {
    expect(nonPublicAddress(address)).toContain(why);
  });

  it.each(["8.8.8.8", "93.184.215.14", "2606:4700::6810:84e5", "::ffff:8.8.8.8"])("takes the public %s", (address) => {
    expect(nonPublicAddress(address)).toBeNull();
  });
});

describe("webhookTargetProblem", () => {
  it.each([
    "https://127.0.0.1/hook",
    "https://127.1/hook",
    "https://2130706433/hook", // decimal
    "https://0x7f000001/hook", // hex
    "https://0x7f.0.0.1/hook",
    "https://0177.0.0.1/hook", // octal
    "https://017700000001/hook",
    "https://[::1]/hook",
    "https://[0:0:0:0:0:0:0:1]/hook",
    "https://[::ffff:127.0.0.1]/hook", // IPv4-mapped
    "https://[::ffff:7f00:1]/hook",
    "https://0.0.0.0:5432/",
    "https://0/",
    "https://10.1.2.3/",
    "https://169.254.169.254/latest/meta-data/",
    "https://[fd00:ec2::254]/",
    "https://[fe80::1]/",
    "https://224.0.0.1/",
  ])("refuses %s in every notation", (url) => {
    expect(webhookTargetProblem(url, strict)).toMatch(/webhooks go only to public addresses/);
  });

  it("takes https to a public address or a name (names are checked when resolved)", () => {
    expect(webhookTargetProblem("https://93.184.215.14/hooks", strict)).toBeNull();
    expect(webhookTargetProblem("https://pipeline.example.org/hooks", strict)).toBeNull();
  });

  it("takes plain http only where the operator allows it", () => {
    expect(webhookTargetProblem("http://93.184.215.14/hooks", strict)).toMatch(/starts with https:\/\/.*WEBHOOK_ALLOW_HTTP/);
    expect(webhookTargetProblem("http://93.184.215.14/hooks", { ...strict, allowHttp: true })).toBeNull();
    expect(webhookTargetProblem("ftp://93.184.215.14/", { ...strict, allowHttp: true })).toMatch(/https/);
    expect(webhookTargetProblem("not a url", strict)).toMatch(/whole URL/);
  });

  it("takes an internal host the operator named, by name or by address", () => {
    const policy = { allowHttp: true, allowedHosts: ["127.0.0.1", "hooks.internal", "::1"] };
    expect(webhookTargetProblem("http://127.0.0.1:8080/h", policy)).toBeNull();
    expect(webhookTargetProblem("http://2130706433:8080/h", policy)).toBeNull();
    expect(webhookTargetProblem("http://[::1]:8080/h", policy)).toBeNull();
    expect(webhookTargetProblem("http://[::ffff:127.0.0.1]:8080/h", policy)).toBeNull();
    expect(webhookTargetProblem("https://HOOKS.internal/h", policy)).toBeNull();
    expect(webhookTargetProblem("http://10.0.0.1/h", policy)).toMatch(/private/);
  });
});

describe("isAllowedHost", () => {
  it("matches names without case or a final dot, and addresses in any spelling", () => {
    const policy = { allowHttp: false, allowedHosts: ["hooks.internal", "10.0.0.5"] };
    expect(isAllowedHost("Hooks.Internal.", policy)).toBe(true);
    expect(isAllowedHost("::ffff:10.0.0.5", policy)).toBe(true);
    expect(isAllowedHost("10.0.0.6", policy)).toBe(false);
    expect(isAllowedHost("evil-hooks.internal", policy)).toBe(false);
  });
});
