import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { authOptions } from "@/lib/auth/options";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { count, sql } from "../helpers/db";
import { makeAccount } from "../helpers/factories";

// The login throttle's address is the connection's (scripts/serve.ts writes it into
// x-workbench-peer over anything a client sent), or behind a trusted proxy the one it saw; a
// client's own X-Forwarded-For is never a key it can choose.

type Authorize = (credentials: Record<string, string>, req: unknown) => Promise<{ email: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

const PEER = "x-workbench-peer";
let n = 0;
/** A documentation address (RFC 5737) no other test uses. */
const freshAddress = () => `203.0.113.${(process.pid + n++) % 250}`;

async function lockAddress(address: string) {
  const now = new Date();
  await db().exec(sql`INSERT INTO "LoginThrottle" ("key", "failures", "firstFailure", "lastFailure", "lockedUntil")
                      VALUES (${`address:${address}`}, 100, ${now}, ${now}, ${new Date(now.getTime() + 15 * 60_000)})
                      ON CONFLICT ("key") DO UPDATE SET "lockedUntil" = excluded."lockedUntil"`);
}
const failuresOf = (address: string) => count(sql`SELECT "failures" FROM "LoginThrottle" WHERE "key" = ${`address:${address}`}`);

describe("the login throttle's address", () => {
  beforeAll(() => {
    process.env.WORKBENCH_PEER_HEADER = "1"; // what scripts/serve.ts sets in its process
  });
  afterAll(() => {
    delete process.env.WORKBENCH_PEER_HEADER;
    env.TRUSTED_PROXIES = [];
  });

  it("is the connection's: a locked address stays locked whatever X-Forwarded-For the client sends", async () => {
    const a = await makeAccount("annotator");
    const locked = freshAddress();
    await lockAddress(locked);
    expect(await authorize({ email: a.email, password: a.password }, { headers: { [PEER]: locked, "x-forwarded-for": "198.51.100.99" } })).toBeNull();
    expect(await authorize({ email: a.email, password: a.password }, { headers: { [PEER]: `::ffff:${locked}`, "x-forwarded-for": "198.51.100.98" } })).toBeNull();
    // a free address signs in
    expect(await authorize({ email: a.email, password: a.password }, { headers: { [PEER]: "192.0.2.77", "x-forwarded-for": locked } })).toMatchObject({ email: a.email });
  });

  it("counts a failure against the connection's address, never against one the client wrote", async () => {
    const a = await makeAccount("annotator");
    const peer = freshAddress();
    const spoofed = `198.51.100.${(process.pid % 200) + 10}`;
    expect(await authorize({ email: a.email, password: "wrong-password!" }, { headers: { [PEER]: peer, "x-forwarded-for": spoofed } })).toBeNull();
    expect(await failuresOf(peer)).toBe(1);
    expect(await failuresOf(spoofed)).toBe(0);
  });

  it("behind a trusted proxy, is the right-most X-Forwarded-For entry that is not a trusted proxy", async () => {
    const a = await makeAccount("annotator");
    const locked = freshAddress();
    await lockAddress(locked);
    env.TRUSTED_PROXIES = ["10.0.0.0/8"];
    try {
      // the client wrote 198.51.100.97 itself; the proxy (10.0.0.2) appended the address it saw
      expect(await authorize({ email: a.email, password: a.password }, { headers: { [PEER]: "10.0.0.2", "x-forwarded-for": `198.51.100.97, ${locked}` } })).toBeNull();
      expect(await authorize({ email: a.email, password: a.password }, { headers: { [PEER]: "10.0.0.2", "x-forwarded-for": `198.51.100.97, ${locked}, 10.0.0.3` } })).toBeNull();
      // X-Forwarded-For from a peer that is no trusted proxy is the client's word: ignored
      expect(await authorize({ email: a.email, password: a.password }, { headers: { [PEER]: locked, "x-forwarded-for": "10.0.0.2" } })).toBeNull();
    } finally {
      env.TRUSTED_PROXIES = [];
    }
  });

  it("locks the credentials callback with 429 for the connection's address, whatever X-Forwarded-For says", async () => {
    const a = await makeAccount("annotator");
    const locked = freshAddress();
    await lockAddress(locked);
    const res = await authPost(
      new Request("http://localhost/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", [PEER]: locked, "x-forwarded-for": "198.51.100.96" },
        body: new URLSearchParams({ email: a.email, password: a.password, csrfToken: "x", json: "true" }),
      }) as never,
      { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) },
    );
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("is unknown under a server that does not write the peer header (next start, next dev): a client's header is not believed", async () => {
    delete process.env.WORKBENCH_PEER_HEADER;
    try {
      const a = await makeAccount("annotator");
      const claimed = freshAddress();
      expect(await authorize({ email: a.email, password: "wrong-password!" }, { headers: { [PEER]: claimed, "x-forwarded-for": claimed } })).toBeNull();
      expect(await failuresOf(claimed)).toBe(0);
    } finally {
      process.env.WORKBENCH_PEER_HEADER = "1";
    }
  });
});
