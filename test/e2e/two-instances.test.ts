import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import bcrypt from "bcryptjs";
import { describe, expect, inject, it } from "vitest";
import { THROTTLE_RULES } from "@/lib/domain/login-throttle";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { createApiToken } from "@/lib/server/auth/api-tokens";
import { DEMO_ACCOUNTS, DEMO_COLLEAGUES } from "@/lib/server/demo/seed-demo";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { cookieHeader, postCredentials, sessionEmail, signIn, signOut } from "../helpers/http-auth";
import { col, count, exec, row, serverDb, sql } from "../helpers/e2e-db";

// Two app instances (two `npm start`s: a server and a worker each) on one database, each with a
// DATA_DIR of its own, as on two machines behind a load balancer: whatever one instance does, the
// other sees, with nothing shared but PostgreSQL.
const a = inject("baseURL");
const b = inject("secondURL");
const dirs = [inject("dataDir"), inject("secondDataDir")];
const lead = DEMO_ACCOUNTS.find((x) => x.role === "lead")!;

describe("two app instances on one database", () => {
  it("share sessions: signed in on one, signed in on the other; signed out on one, out on both", async () => {
    const jar = await signIn(a, lead.email, lead.password);
    const cookie = cookieHeader(jar);
    expect(await sessionEmail(b, cookie)).toBe(lead.email);
    await signOut(b, jar);
    expect(await sessionEmail(a, cookie)).toBeNull();
  });

  it("share login locks: failures on one instance lock the account on the other", async () => {
    const email = `two-instances-${Date.now()}@example.org`;
    const password = "the-right-password-2";
    await exec(sql`INSERT INTO "Account" ("email", "role", "passwordHash", "createdAt") VALUES (${email}, 'annotator', ${bcrypt.hashSync(password, 10)}, ${new Date()})`);
    for (let i = 0; i < THROTTLE_RULES.account.slowAfter; i++) expect((await postCredentials(i % 2 ? b : a, email, "wrong-password-y")).res.status).toBe(401);
    const { res } = await postCredentials(b, email, password);
    expect(res.status).toBe(429);
  });

  it("share the job queue and the files: a batch uploaded to one is imported by a worker, an export asked of one downloads from the other", async () => {
    const leadId = await count(sql`SELECT "id" FROM "Account" WHERE "email" = ${lead.email}`);
    const { secret } = await serverDb().tx((t) => createApiToken({ accountId: leadId, name: "two instances", scope: "write" }, { actorLabel: "e2e" }, t));
    const projectId = await serverDb().tx(async (t) => {
      const now = new Date();
      const { id } = await t.one(row({ id: col.int }), sql`INSERT INTO "Project" ("name", "createdAt", "updatedAt") VALUES (${`Two instances ${Date.now()}`}, ${now}, ${now}) RETURNING "id"`);
      for (const m of await t.many(row({ id: col.int }), sql`SELECT "id" FROM "Account" WHERE "id" = ${leadId} OR "email" IN ${sql.list(DEMO_COLLEAGUES)}`)) {
        await t.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${id}, ${m.id}, ${now})`);
      }
      return id;
    });
    const auth = { Authorization: `Bearer ${secret}` };
    const batch = [...generateDemoBatch({ users: 6, seed: "two-instances", annotators: DEMO_COLLEAGUES })].map((r) => JSON.stringify(r)).join("\n") + "\n";
    const uploaded = await fetch(`${b}/api/v1/projects/${projectId}/batches?file=two.jsonl`, { method: "POST", headers: auth, body: batch });
    expect(uploaded.status).toBe(200);
    expect(await uploaded.json()).toMatchObject({ ok: true, summary: { users: 6 } });
    // the same batch again through the other instance: its rows are known, whichever worker imports it
    expect(await (await fetch(`${a}/api/v1/projects/${projectId}/batches?file=two.jsonl`, { method: "POST", headers: auth, body: batch })).json()).toMatchObject({
      ok: true,
      summary: { users: 0, unchanged: expect.any(Number) },
    });

    // accept everything, so the export has records, then export through one and download through the other
    await exec(sql`UPDATE "ArtifactState" SET "status" = 'accepted', "finalDecision" = 'accept', "decidedBy" = 'annotators', "finalizedAt" = ${new Date()} WHERE "projectId" = ${projectId}`);
    const { version } = await createSplitVersion(projectId, { ratios: { train: 0.6, validation: 0.2, test: 0.2 }, seed: "two" }, { actorLabel: "e2e" }, { db: serverDb() });
    const started = await fetch(`${a}/api/v1/projects/${projectId}/exports`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ version }) });
    const run = (await started.json()) as { id: number };
    let info: { status: string; files: { name: string; url: string; bytes: number; sha256: string }[] } = { status: "running", files: [] };
    for (let i = 0; i < 240 && info.status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      info = await fetch(`${b}/api/v1/projects/${projectId}/exports/${run.id}`, { headers: auth }).then((r) => r.json());
    }
    expect(info.status).toBe("succeeded");
    // whichever instance's worker wrote it, it downloads through both, with the listed size and sha256
    for (const train of info.files.filter((f) => f.name === "train.jsonl" || f.name === "test.jsonl")) {
      for (const instance of [a, b]) {
        const download = await fetch(`${instance}${train.url}`, { headers: auth });
        expect(download.status).toBe(200);
        const bytes = Buffer.from(await download.arrayBuffer());
        expect({ bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") }).toEqual({ bytes: train.bytes, sha256: train.sha256 });
        expect(download.headers.get("repr-digest")).toBe(`sha-256=:${Buffer.from(train.sha256, "hex").toString("base64")}:`);
      }
    }
    // and neither machine keeps a file of it, nor of the uploads, on its disk
    for (const dir of dirs) expect(fs.readdirSync(dir).filter((f) => ["exports", "uploads", "scratch"].includes(f) && fs.readdirSync(path.join(dir, f)).length > 0)).toEqual([]);
  });
});
