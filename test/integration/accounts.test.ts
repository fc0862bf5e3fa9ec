import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { THROTTLE_RULES } from "@/lib/domain/login-throttle";
import { loginRetryAfter, recordLoginFailure } from "@/lib/server/auth/login-throttle";
import { endSession, sessionUser, startSession } from "@/lib/server/auth/sessions";
import { createAccount } from "@/lib/server/accounts/create-account";
import { db } from "@/lib/db/client";
import { count, sql, texts } from "../helpers/db";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject, tinyBatch, unique } from "../helpers/factories";

type Authorize = (credentials: Record<string, string>, req: unknown) => Promise<{ email: string; role: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

describe("accounts", () => {
  it("stores a bcrypt hash, never the password, and refuses a second account for an email", async () => {
    const email = `${unique("x")}@example.org`;
    const { account, password } = await createAccount({ email, role: "lead" }, TEST_ACTOR);
    expect(password).toMatch(/^[a-z2-9-]{23}$/);
    const [hash] = await texts(sql`SELECT "passwordHash" AS "v" FROM "Account" WHERE "id" = ${account.id}`);
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(hash).not.toContain(password!);
    await expect(createAccount({ email: email.toUpperCase(), role: "annotator" }, TEST_ACTOR)).rejects.toThrow("already exists");
  });

  it("rejects passwords shorter than ten characters", async () => {
    await expect(createAccount({ email: `${unique("x")}@example.org`, role: "lead", password: "short" }, TEST_ACTOR)).rejects.toThrow("at least 10 characters");
  });
});

describe("signing in (next-auth credentials)", () => {
  it("returns the account with its role for the right password and audits the login", async () => {
    const a = await makeAccount("lead");
    expect(await authorize({ email: a.email, password: a.password }, {})).toMatchObject({ email: a.email, role: "lead" });
    expect(await texts(sql`SELECT "action" AS "v" FROM "AuditEvent" WHERE "actorId" = ${a.id} ORDER BY "id"`)).toContain("auth.login");
  });

  it("refuses a wrong password, an unknown email and a deactivated account, and audits the first failure of each streak", async () => {
    const a = await makeAccount("annotator");
    expect(await authorize({ email: a.email, password: "wrong-password!" }, {})).toBeNull();
    const ghost = `${unique("ghost")}@example.org`;
    expect(await authorize({ email: ghost, password: "whatever-password" }, {})).toBeNull();
    await db().exec(sql`UPDATE "Account" SET "active" = ${false} WHERE "id" = ${a.id}`);
    expect(await authorize({ email: a.email, password: a.password }, {})).toBeNull();
    const failures = await texts(sql`SELECT "afterJson" AS "v" FROM "AuditEvent" WHERE "action" = 'auth.login_failed' AND "actorLabel" IN ${sql.list([a.email, ghost])}`);
    expect(failures.map((f) => JSON.parse(f).reason).sort()).toEqual(["unknown email", "wrong password"]);
    expect(await count(sql`SELECT "failures" FROM "LoginThrottle" WHERE "key" = ${`account:${a.email}`}`)).toBe(2);
  });

  it("locks an account after repeated failures: the right password is refused too, in every app instance, with one audit row for the lock", async () => {
    const a = await makeAccount("annotator");
    const keys = { email: a.email, address: "203.0.113.7" };
    const t0 = Date.now();
    for (let i = 0; i < THROTTLE_RULES.account.lockAfter; i++) {
      // wait out each slowdown, as a patient attacker would
      const now = new Date(t0 + i * 120_000);
      expect(await loginRetryAfter(keys, now)).toBe(0);
      await recordLoginFailure(keys, "wrong password", a.id, now);
    }
    const during = new Date(t0 + (THROTTLE_RULES.account.lockAfter - 1) * 120_000 + 1000);
    // the lock lives in the database, where every app instance reads it
    expect(await loginRetryAfter(keys, during)).toBeGreaterThan(14 * 60);
    expect(await authorize({ email: a.email, password: a.password }, { headers: { "x-forwarded-for": "198.51.100.1" } })).toBeNull();
    const actions = await texts(sql`SELECT "action" AS "v" FROM "AuditEvent" WHERE "actorLabel" = ${a.email} AND "action" IN ${sql.list(["auth.login_failed", "auth.locked"])}`);
    expect(actions.sort()).toEqual(["auth.locked", "auth.login_failed"]);
  });
});

describe("sessions", () => {
  it("stop working at once when signed out, expired or the account is deactivated; other sessions go on", async () => {
    const a = await makeAccount("annotator");
    const [one, two] = [await startSession(a.id, 3600), await startSession(a.id, 3600)];
    expect(await sessionUser(one)).toMatchObject({ email: a.email, role: "annotator" });
    await endSession(one);
    expect(await sessionUser(one)).toBeNull();
    expect(await sessionUser(two)).not.toBeNull();
    expect(await sessionUser(two, new Date(Date.now() + 3601_000))).toBeNull();
    expect(await sessionUser("no-such-session")).toBeNull();
    await db().exec(sql`UPDATE "Account" SET "active" = ${false} WHERE "id" = ${a.id}`);
    expect(await sessionUser(two)).toBeNull();
  });
});

describe("append-only tables", () => {
  it("refuse updates and deletes of verdict and audit events", async () => {
    const a = await makeAccount("annotator");
    const project = await makeProject();
    const b = tinyBatch();
    const verdict = { type: "verdict", artifact_id: b.artifactId, annotator: a.email, decision: "accept", created_at: "2026-11-20T10:00:00Z" };
    expect((await importText(project.id, jsonl([b.user, b.post, b.artifact, verdict]))).ok).toBe(true);
    const where = sql`WHERE "projectId" = ${project.id}`;
    await expect(db().exec(sql`UPDATE "VerdictEvent" SET "decision" = 'reject' ${where}`)).rejects.toThrow("VerdictEvent is append-only");
    await expect(db().exec(sql`DELETE FROM "VerdictEvent" ${where}`)).rejects.toThrow("VerdictEvent is append-only");
    await expect(db().exec(sql`UPDATE "AuditEvent" SET "action" = 'x' ${where}`)).rejects.toThrow("AuditEvent is append-only");
    await expect(db().exec(sql`DELETE FROM "AuditEvent" ${where}`)).rejects.toThrow("AuditEvent is append-only");
    expect(await texts(sql`SELECT "decision" AS "v" FROM "VerdictEvent" ${where}`)).toEqual(["accept"]);
  });
});
