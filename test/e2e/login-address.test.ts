import { describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { cookieHeader, csrfToken, keepCookies, signIn } from "../helpers/http-auth";
import { count, sql } from "../helpers/e2e-db";

// The login throttle counts failures per address: the connection's, as npm start's server
// (scripts/serve.ts) sees it, never one a client writes into X-Forwarded-For or into the header
// that server uses to tell the app (x-workbench-peer). The e2e server trusts no proxy.
const baseURL = inject("baseURL");
const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;

const failuresOf = (address: string) => count(sql`SELECT COALESCE(MAX("failures"), 0) FROM "LoginThrottle" WHERE "key" = ${`address:${address}`}`);

describe("the login throttle's address", () => {
  it("is the connection's: a failed sign-in that claims other addresses counts against the one it came from", async () => {
    const spoofed = "198.51.100.123";
    const claimed = "192.0.2.200";
    const before = await failuresOf("127.0.0.1");
    const jar = new Map<string, string>();
    const token = await csrfToken(baseURL, jar);
    const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookieHeader(jar),
        origin: baseURL,
        "x-forwarded-for": spoofed,
        "x-workbench-peer": claimed,
      },
      body: new URLSearchParams({ csrfToken: token, email: `nobody-${Date.now()}@example.org`, password: "wrong-password-z", json: "true" }),
    });
    keepCookies(jar, res);
    expect(res.status).toBe(401);
    expect(await failuresOf(spoofed)).toBe(0);
    expect(await failuresOf(claimed)).toBe(0);
    expect(await failuresOf("127.0.0.1")).toBe(before + 1);
  });
});

describe("the session the browser reads", () => {
  it("names the account, never the server-side session's id", async () => {
    const jar = await signIn(baseURL, admin.email, admin.password);
    const res = await fetch(`${baseURL}/api/auth/session`, { headers: { cookie: cookieHeader(jar) } });
    const body = (await res.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({ email: admin.email, role: "admin" });
    expect(Object.keys(body.user).sort()).toEqual(["email", "id", "name", "role"]);
  });
});
