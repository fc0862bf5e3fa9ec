import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { THROTTLE_RULES } from "@/lib/domain/login-throttle";
import { loginRetryAfter, recordLoginFailure } from "@/lib/server/auth/login-throttle";
import { endSession, sessionUser, startSession } from "@/lib/server/auth/sessions";
import { prisma } from "@/lib/db";
import { createAccount } from "@/lib/server/accounts/create-account";
import { openSqlite } from "@/lib/server/sqlite";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject, tinyBatch, unique } from "../helpers/factories";

type Authorize = (credentials: Record<string, string>, req: unknown) => Promise<{ email: string; role: string } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;

describe("accounts", () => {
  it("stores a bcrypt hash, never the password, and refuses a second account for an email", async () => {
    const email = `${unique("x")}@example.org`;
    const { account, password } = await createAccount({ email, role: "lead" }, TEST_ACTOR);
    expect(password).toMatch(/^[a-z2-9-]{23}$/);
    expect(account.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    expect(account.passwordHash).not.toContain(password!);
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
    const events = await prisma.auditEvent.findMany({ where: { actorId: a.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toContain("auth.login");
  });

  it("refuses a wrong password, an unknown email and a deactivated account, and audits the first failure of each streak", async () => {
    const a = await makeAccount("annotator");
    expect(await authorize({ email: a.email, password: "wrong-password!" }, {})).toBeNull();
    const ghost = `${unique("ghost")}@example.org`;
    expect(await authorize({ email: ghost, password: "whatever-password" }, {})).toBeNull();
    await prisma.account.update({ where: { id: a.id }, data: { active: false } });
    expect(await authorize({ email: a.email, password: a.password }, {})).toBeNull();
    const failures = await prisma.auditEvent.findMany({ where: { action: "auth.login_failed", actorLabel: { in: [a.email, ghost] } } });
    expect(failures.map((f) => JSON.parse(f.afterJson!).reason).sort()).toEqual(["unknown email", "wrong password"]);
    expect(await prisma.loginThrottle.findUnique({ where: { key: `account:${a.email}` } })).toMatchObject({ failures: 2 });
  });

  it("locks an account after repeated failures: the right password is refused too, in every app instance, with one audit row for the lock", async () => {
    const a = await makeAccount("annotator");
    const keys = { email: a.email, address: "203.0.113.7" };
    const t0 = Date.now();
    for (let i = 0; i < THROTTLE_RULES.account.lockAfter; i++) {
      // wait out each slowdown, as a patient attacker would
      const now = new Date(t0 + i * 120_000);
      expect(loginRetryAfter(keys, now)).toBe(0);
      recordLoginFailure(keys, "wrong password", a.id, now);
    }
    const during = new Date(t0 + (THROTTLE_RULES.account.lockAfter - 1) * 120_000 + 1000);
    expect(loginRetryAfter(keys, during)).toBeGreaterThan(14 * 60);
    // another instance reads the same lock from the database
    const other = openSqlite(process.env.DATABASE_URL);
    try {
      expect(loginRetryAfter(keys, during, other)).toBe(loginRetryAfter(keys, during));
    } finally {
      other.close();
    }
    expect(await authorize({ email: a.email, password: a.password }, { headers: { "x-forwarded-for": "198.51.100.1" } })).toBeNull();
    const rows = await prisma.auditEvent.findMany({ where: { actorLabel: a.email, action: { in: ["auth.login_failed", "auth.locked"] } } });
    expect(rows.map((r) => r.action).sort()).toEqual(["auth.locked", "auth.login_failed"]);
  });
});

describe("sessions", () => {
  it("stop working at once when signed out, expired or the account is deactivated; other sessions go on", async () => {
    const a = await makeAccount("annotator");
    const [one, two] = [startSession(a.id, 3600), startSession(a.id, 3600)];
    expect(sessionUser(one)).toMatchObject({ email: a.email, role: "annotator" });
    endSession(one);
    expect(sessionUser(one)).toBeNull();
    expect(sessionUser(two)).not.toBeNull();
    expect(sessionUser(two, new Date(Date.now() + 3601_000))).toBeNull();
    expect(sessionUser("no-such-session")).toBeNull();
    await prisma.account.update({ where: { id: a.id }, data: { active: false } });
    expect(sessionUser(two)).toBeNull();
  });
});

describe("append-only tables", () => {
  it("refuse updates and deletes of verdict and audit events", async () => {
    const a = await makeAccount("annotator");
    const project = await makeProject();
    const b = tinyBatch();
    const verdict = { type: "verdict", artifact_id: b.artifactId, annotator: a.email, decision: "accept", created_at: "2026-11-20T10:00:00Z" };
    expect((await importText(project.id, jsonl([b.user, b.post, b.artifact, verdict]))).ok).toBe(true);
    const db = openSqlite(process.env.DATABASE_URL);
    try {
      const where = `WHERE projectId = ${project.id}`;
      expect(() => db.prepare(`UPDATE VerdictEvent SET decision = 'reject' ${where}`).run()).toThrow("VerdictEvent is append-only");
      expect(() => db.prepare(`DELETE FROM VerdictEvent ${where}`).run()).toThrow("VerdictEvent is append-only");
      expect(() => db.prepare(`UPDATE AuditEvent SET action = 'x' ${where}`).run()).toThrow("AuditEvent is append-only");
      expect(() => db.prepare(`DELETE FROM AuditEvent ${where}`).run()).toThrow("AuditEvent is append-only");
      expect(db.prepare(`SELECT decision FROM VerdictEvent ${where}`).pluck().all()).toEqual(["accept"]);
    } finally {
      db.close();
    }
  });
});
