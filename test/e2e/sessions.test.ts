import fs from "node:fs";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { describe, expect, inject, it } from "vitest";
import { MIN_SECRET_BYTES, PUBLIC_SECRETS, SECRET_FILE } from "@/lib/auth/session-secret";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import bcrypt from "bcryptjs";
import { THROTTLE_RULES } from "@/lib/domain/login-throttle";
import { cookieHeader, postCredentials, sessionEmail, signIn, signOut } from "../helpers/http-auth";
import { count, exec, sql } from "../helpers/e2e-db";

const baseURL = inject("baseURL");
const dataDir = inject("dataDir");
const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;

/** Where a GET of `path` with these cookies lands: the status and, for a redirect, its path. */
async function land(pathname: string, cookie: string) {
  const res = await fetch(`${baseURL}${pathname}`, { headers: { cookie }, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location") ? new URL(res.headers.get("location")!, baseURL).pathname : null };
}

describe("session tokens", () => {
  it("are signed with a secret generated for this install and kept in the database for every instance, so a token forged with a published secret is no session", async () => {
    expect(fs.existsSync(path.join(dataDir, SECRET_FILE))).toBe(false);
    expect(await count(sql`SELECT COUNT(*) FROM "WorkbenchSecret" WHERE "name" = 'session' AND length("value") >= ${MIN_SECRET_BYTES}`)).toBe(1);
    for (const secret of PUBLIC_SECRETS) {
      const forged = await encode({ secret, token: { name: admin.email, email: admin.email, uid: 1, role: "admin", sv: 0, sid: "forged" } });
      const cookie = `next-auth.session-token=${forged}`;
      expect(await sessionEmail(baseURL, cookie)).toBeNull();
      expect(await land("/admin/accounts", cookie)).toMatchObject({ location: "/login" });
    }
  });

  it("stop working on the server at sign-out: the old cookie, replayed, is no session", async () => {
    const jar = await signIn(baseURL, admin.email, admin.password);
    const stolen = cookieHeader(jar);
    expect(await sessionEmail(baseURL, stolen)).toBe(admin.email);
    expect((await land("/admin/accounts", stolen)).status).toBe(200);
    await signOut(baseURL, jar);
    expect(await sessionEmail(baseURL, stolen)).toBeNull();
    expect(await land("/admin/accounts", stolen)).toMatchObject({ location: "/login" });
  });
});

describe("failed sign-ins", () => {
  it("slow the account down: past a few failures the credentials callback answers 429 with Retry-After, even to the right password", async () => {
    const email = `throttled-${Date.now()}@example.org`;
    const password = "the-right-password-1";
    await exec(sql`INSERT INTO "Account" ("email", "role", "passwordHash", "createdAt") VALUES (${email}, 'annotator', ${bcrypt.hashSync(password, 10)}, ${new Date()})`);
    for (let i = 0; i < THROTTLE_RULES.account.slowAfter; i++) {
      const { res } = await postCredentials(baseURL, email, "wrong-password-x");
      expect(res.status).toBe(401);
    }
    const { res, jar } = await postCredentials(baseURL, email, password);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await res.json()) as { error: string }).error).toBe("locked");
    expect(jar.has("next-auth.session-token")).toBe(false);
    // once the wait is over, the right password works again
    await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after")) * 1000 + 100));
    expect((await signIn(baseURL, email, password)).has("next-auth.session-token")).toBe(true);
  });
});
