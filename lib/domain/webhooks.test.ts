import { describe, expect, it } from "vitest";
import { newWebhookSecret, signWebhook, verifyWebhook, webhookHeaders, webhookUrlProblem } from "./webhooks";

describe("Standard Webhooks signatures", () => {
  it("matches the specification's example", () => {
    // the example of the Standard Webhooks specification (standardwebhooks.com), reproduced from its test vectors
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = '{"test": 2432232314}';
    expect(signWebhook(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("verifies its own messages, and refuses a changed body, another secret, an old timestamp and missing headers", () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const now = Date.UTC(2026, 11, 1);
    const body = JSON.stringify({ type: "split.frozen", data: { version: 3 } });
    const headers = webhookHeaders(secret, "msg_1", body, now);
    expect(headers["webhook-timestamp"]).toBe(String(now / 1000));
    expect(verifyWebhook(secret, headers, body, { now })).toBeNull();
    expect(verifyWebhook(secret, { ...headers, "webhook-signature": `v1,bm90IGl0 ${headers["webhook-signature"]}` }, body, { now })).toBeNull();
    expect(verifyWebhook(secret, headers, `${body} `, { now })).toBe("no signature matches");
    expect(verifyWebhook(newWebhookSecret(), headers, body, { now })).toBe("no signature matches");
    expect(verifyWebhook(secret, headers, body, { now: now + 10 * 60_000 })).toBe("webhook-timestamp is too far from now");
    expect(verifyWebhook(secret, { ...headers, "webhook-id": undefined }, body, { now })).toMatch(/missing/);
  });

  it("takes http(s) URLs without credentials", () => {
    expect(webhookUrlProblem("https://pipeline.example.org/hook")).toBeNull();
    expect(webhookUrlProblem("http://10.0.0.5:8080/hook")).toBeNull();
    expect(webhookUrlProblem("ftp://x.org/")).toMatch(/https:\/\//);
    expect(webhookUrlProblem("https://user:pw@x.org/")).toMatch(/credentials/);
    expect(webhookUrlProblem("not a url")).toMatch(/whole URL/);
  });
});
