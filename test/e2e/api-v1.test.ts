import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ENDPOINTS } from "@/lib/api/v1-endpoints";
import { createApiToken, revokeApiToken } from "@/lib/server/auth/api-tokens";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { DEMO_COLLEAGUES } from "@/lib/server/demo/seed-demo";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { col, count as countOf, exec, row, serverDb, sql } from "../helpers/e2e-db";
import { apiClient, checkResponse, uncheckedEndpoints } from "../helpers/openapi-check";
import { API_MAX_UPLOAD_BYTES } from "../helpers/instances";

const baseURL = inject("baseURL");
const actor = { actorLabel: "e2e" };

const leadId = () => countOf(sql`SELECT "id" FROM "Account" WHERE "email" = 'lead@demo.local'`);
const token = async (scope: "read" | "write") => {
  const accountId = await leadId();
  return serverDb().tx((t) => createApiToken({ accountId, name: `api-v1 ${scope}`, scope }, actor, t));
};
/** A new project of which the demo lead (the tokens' owner) and the demo colleagues are members. */
const newProject = async () => {
  const lead = await leadId();
  return serverDb().tx(async (t) => {
    const now = new Date();
    const { id } = await t.one(
      row({ id: col.int }),
      sql`INSERT INTO "Project" ("name", "overlap", "createdAt", "updatedAt") VALUES (${`API ${Date.now()} ${Math.random()}`}, 2, ${now}, ${now}) RETURNING "id"`,
    );
    // the lead owns the tokens; the demo colleagues label the demo batches: they are the project's annotators
    const members = await t.many(row({ id: col.int }), sql`SELECT "id" FROM "Account" WHERE "id" = ${lead} OR "email" IN ${sql.list(DEMO_COLLEAGUES)}`);
    for (const m of members) await t.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${id}, ${m.id}, ${now})`);
    return id;
  });
};

const api = (secret: string | null) => apiClient(baseURL, secret);

const batchText = (seed: string, users = 4) => [...generateDemoBatch({ users, seed, annotators: DEMO_COLLEAGUES })].map((r) => JSON.stringify(r)).join("\n") + "\n";
const count = (table: string, projectId: number) => countOf(sql`SELECT COUNT(*) FROM ${sql.raw(`"${table}"`)} WHERE "projectId" = ${projectId}`);

describe("pipeline API v1 over HTTP", () => {
  afterAll(() => {
    // every answer above was checked against the OpenAPI document; these endpoints' successes among them
    expect(uncheckedEndpoints(["uploadBatch", "batch", "verdicts", "artifact", "currentRules", "startExport", "export", "exportFile"])).toEqual([]);
  });

  it("imports a good batch, refuses a bad one whole with every bad line, replays an idempotent retry, and reports the batch", async () => {
    const { secret } = await token("write");
    const projectId = await newProject();
    const good = batchText("api-good");
    const first = await api(secret).post(`/projects/${projectId}/batches?file=good.jsonl`, good, { "Idempotency-Key": "nightly-1" });
    expect(first.status).toBe(200);
    const imported = await first.json();
    expect(imported).toMatchObject({ ok: true, replayed: false, errorCount: 0 });
    expect(imported.summary.artifacts).toBe(await count("Artifact", projectId));
    expect(imported.summary.verdicts).toBeGreaterThan(0);

    const retry = await api(secret).post(`/projects/${projectId}/batches`, good, { "Idempotency-Key": "nightly-1" });
    expect(await retry.json()).toMatchObject({ ok: true, replayed: true, batchId: imported.batchId, summary: imported.summary });

    const status = await api(secret).get(`/projects/${projectId}/batches/${imported.batchId}`);
    expect(await status.json()).toMatchObject({ id: imported.batchId, fileName: "good.jsonl", status: "succeeded", summary: imported.summary, idempotencyKey: "nightly-1" });

    const before = await count("Artifact", projectId);
    // room for every demo colleague's verdict on the same artifacts: the bad lines are only the two below
    await exec(sql`UPDATE "Project" SET "overlap" = ${DEMO_COLLEAGUES.length} WHERE "id" = ${projectId}`);
    const lines = batchText("api-bad").split("\n");
    lines[2] = "{not json";
    lines[5] = JSON.stringify({ type: "artifact", id: "x" });
    const bad = await api(secret).post(`/projects/${projectId}/batches`, lines.join("\n"));
    expect(bad.status).toBe(422);
    const refused = await bad.json();
    expect(refused.ok).toBe(false);
    expect(refused.errors.map((e: { line: number }) => e.line)).toEqual([3, 6]);
    expect(refused.errorCount).toBe(2);
    expect(await count("Artifact", projectId)).toBe(before);
    expect(
      (
        await api(secret)
          .get(`/projects/${projectId}/batches/${refused.batchId}`)
          .then((r) => r.json())
      ).status,
    ).toBe("failed");
  });

  it("refuses a batch over the size limit with 413 and writes nothing", async () => {
    const { secret } = await token("write");
    const projectId = await newProject();
    const line = JSON.stringify({ type: "user", uid: "reddit:big", platform: "reddit", meta: { bio: "x".repeat(10_000) } }) + "\n";
    const big = line.repeat(Math.ceil((API_MAX_UPLOAD_BYTES + 1) / line.length));
    const r = await api(secret).post(`/projects/${projectId}/batches`, big);
    expect(r.status).toBe(413);
    expect((await r.json()).error.code).toBe("payload_too_large");
    expect(await count("Artifact", projectId)).toBe(0);
    // streamed without a length: cut off as it arrives
    const chunks = new Blob([big]).stream();
    const streamed = await api(secret).call("POST", `/projects/${projectId}/batches`, { body: chunks, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await count("Artifact", projectId)).toBe(0);
  });

  it("tails verdicts with a cursor while new ones arrive: none missed, none repeated", async () => {
    const { secret } = await token("write");
    const projectId = await newProject();
    await api(secret).post(`/projects/${projectId}/batches`, batchText("api-tail-0"));
    const seen: number[] = [];
    let since = "";
    let uploads = 0;
    const upload = async () => {
      for (; uploads < 4; uploads++) await api(secret).post(`/projects/${projectId}/batches`, batchText(`api-tail-${uploads + 1}`));
    };
    const tail = async () => {
      for (let idle = 0; idle < 3;) {
        const r = await api(secret).get(`/projects/${projectId}/verdicts?limit=7${since ? `&since=${since}` : ""}`);
        expect(r.status).toBe(200);
        const page = await r.json();
        seen.push(...page.events.map((e: { id: number }) => e.id));
        since = page.next;
        if (page.events.length === 0) {
          if (uploads >= 4) idle++;
          await new Promise((done) => setTimeout(done, 100)); // caught up: poll again shortly, as a pipeline would
        }
      }
    };
    await Promise.all([upload(), tail()]);
    const all = (await serverDb().many(row({ id: col.int }), sql`SELECT "id" FROM "VerdictEvent" WHERE "projectId" = ${projectId} ORDER BY "id"`)).map((r) => r.id);
    expect(all.length).toBeGreaterThan(20);
    expect(seen).toEqual(all);
    expect((await api(secret).get(`/projects/${projectId}/verdicts?since=not-a-cursor`)).status).toBe(400);
    const first = await api(secret)
      .get(`/projects/${projectId}/verdicts?limit=1`)
      .then((r) => r.json());
    expect(first.events[0]).toMatchObject({ id: all[0], annotator: expect.stringMatching(/@demo\.local$/), source: "import" });

    const artifactId = first.events[0].artifactId;
    const artifact = await api(secret)
      .get(`/projects/${projectId}/artifacts/${encodeURIComponent(artifactId)}`)
      .then((r) => r.json());
    expect(artifact).toMatchObject({ id: artifactId, status: expect.any(String), verdicts: expect.arrayContaining([expect.objectContaining({ id: all[0] })]) });
    expect((await api(secret).get(`/projects/${projectId}/artifacts/nope`)).status).toBe(404);
  });

  it("runs an export of a split version and streams its files; serves the rules", async () => {
    const { secret } = await token("write");
    const projectId = await newProject();
    await api(secret).post(`/projects/${projectId}/batches`, batchText("api-export", 30));
    await exec(sql`UPDATE "ArtifactState" SET "status" = 'accepted', "finalDecision" = 'accept', "decidedBy" = 'annotators', "finalizedAt" = ${new Date()} WHERE "projectId" = ${projectId}`);
    const { version } = await createSplitVersion(projectId, { ratios: { train: 0.8, validation: 0.1, test: 0.1 }, seed: "api" }, actor, { db: serverDb() });
    const started = await api(secret).post(`/projects/${projectId}/exports`, JSON.stringify({ version }), { "content-type": "application/json" });
    expect(started.status).toBe(202);
    const run = await started.json();
    expect(run).toMatchObject({ version, action: "export" });
    let info = run;
    for (let i = 0; i < 120 && info.status === "running"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      info = await api(secret)
        .get(`/projects/${projectId}/exports/${run.id}`)
        .then((r) => r.json());
    }
    expect(info).toMatchObject({ status: "succeeded", error: null });
    const train = info.files.find((f: { name: string }) => f.name === "train.jsonl");
    const file = await api(secret).get(train.url.replace(/^\/api\/v1/, ""));
    expect(file.status).toBe(200);
    expect((await file.arrayBuffer()).byteLength).toBe(train.bytes);
    expect((await api(secret).get(`/projects/${projectId}/exports/${run.id}/files/..%2Fapp.db`)).status).toBe(404);
    expect((await api(secret).get(`/projects/${projectId + 1000}/exports/${run.id}`)).status).toBe(404);
    expect(
      (
        await api(secret)
          .get(`/projects/${projectId}/rules/current`)
          .then((r) => r.json())
      ).version,
    ).toBe(1);
  });

  it("refuses a missing, revoked or read-only token on every endpoint as it should, and limits the rate", async () => {
    const read = await token("read");
    const write = await token("write");
    const revoked = await token("write");
    await serverDb().tx((t) => revokeApiToken(revoked.id, actor, undefined, t));
    const sample: Record<string, string> = { projectId: "1", batchId: "1", artifactId: "x", version: "1", exportId: "1", name: "train.jsonl" };
    for (const e of Object.values(ENDPOINTS)) {
      const url = `${baseURL}/api/v1${e.path.replace(/\{(\w+)\}/g, (_, k: string) => sample[k])}`;
      const call = async (secret?: string) =>
        checkResponse(
          e.method,
          url.slice(`${baseURL}/api/v1`.length),
          await fetch(url, { method: e.method.toUpperCase(), headers: secret ? { Authorization: `Bearer ${secret}` } : {}, body: e.method === "post" ? "" : undefined }),
        );
      const missing = await call();
      expect([e.path, missing.status]).toEqual([e.path, 401]);
      expect((await missing.json()).error.code).toBe("unauthenticated");
      expect([e.path, (await call(revoked.secret)).status]).toEqual([e.path, 401]);
      if (e.scope === "write") {
        const readOnly = await call(read.secret);
        expect([e.path, readOnly.status]).toEqual([e.path, 403]);
        expect((await readOnly.json()).error.message).toBe("This token may only read; use a write token.");
      } else {
        expect([e.path, (await call(write.secret)).status]).not.toEqual([e.path, 401]);
      }
    }
    const unknown = await api(read.secret).get("/nothing/here");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("not_found");

    // a token past its limit this minute: 429 with Retry-After
    await exec(sql`UPDATE "ApiToken" SET "rateWindow" = ${Math.floor(Date.now() / 60_000)}, "rateCount" = 100000 WHERE "id" = ${read.id}`);
    const limited = await api(read.secret).get("/projects/1/rules/current");
    if (limited.status !== 429)
      expect(Math.floor(Date.now() / 60_000)).not.toBe(Math.floor((Date.now() - 1000) / 60_000)); // the minute turned
    else {
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await limited.json()).error.code).toBe("rate_limited");
    }
  });

  it("serves an OpenAPI 3.1 document that lists every route there is", async () => {
    const r = await fetch(`${baseURL}/api/v1/openapi.json`);
    expect(r.status).toBe(200);
    const doc = await r.json();
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();

    const root = path.join(process.cwd(), "app/api/v1");
    const routes: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else if (entry.name === "route.ts") {
          const route = `/${path.relative(root, dir)}`.replace(/\[(\w+)\]/g, "{$1}");
          if (route === "/openapi.json" || route.includes("[...")) continue; // the document itself and the JSON 404
          for (const m of fs.readFileSync(p, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) routes.push(`${m[1]} ${route}`);
        }
      }
    };
    walk(root);
    expect(documented).toEqual(routes.sort());
    for (const op of Object.values(doc.paths as Record<string, Record<string, { responses: Record<string, unknown>; parameters: unknown[] }>>).flatMap((ops) => Object.values(ops))) {
      expect(Object.keys(op.responses).length).toBeGreaterThan(1);
      expect(Array.isArray(op.parameters)).toBe(true);
    }
  });
});
