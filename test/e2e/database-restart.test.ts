import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { sql } from "@/lib/db/sql";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { createApiToken } from "@/lib/server/auth/api-tokens";
import { DEMO_COLLEAGUES } from "@/lib/server/demo/seed-demo";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { freePort } from "../helpers/free-port";
import { exited, startInstance, stop, waitUntilUp } from "../helpers/instances";
import { review, sleep, timedFetch } from "../helpers/reviewers";

// PostgreSQL killed (-9) under `npm start` while annotators review and an import and an export run:
// requests answer 503 with Retry-After (never a 500, never a hang), npm start brings the embedded
// cluster back by itself, the pools, the worker and the queue reconnect, every verdict the server
// acknowledged is kept, the import ends one way or the other and imports again cleanly, and the
// queue runs the export again. An instance of its own (its own DATA_DIR and cluster), so that the
// rest of the suite's database stays up.

let dir: string;
let base: string;
let instance: ReturnType<typeof startInstance>;
let db: Db;
let clusterDir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-restart-"));
  fs.chmodSync(dir, 0o755); // the postgres system user must reach the embedded cluster below it
  const [port, pgPort] = [await freePort(), await freePort()];
  base = `http://127.0.0.1:${port}`;
  instance = startInstance({ PORT: String(port), DATABASE_URL: "", DATA_DIR: dir, EMBEDDED_PG_PORT: String(pgPort), DEMO_USERS: "40", NEXTAUTH_URL: base, JOB_STALL_SECONDS: "5" });
  await waitUntilUp(`${base}/login`, instance.child, instance.output, 5 * 60_000);
  const password = fs.readFileSync(path.join(dir, "postgres.password"), "utf8").trim();
  db = openDb(`postgres://workbench:${password}@127.0.0.1:${pgPort}/workbench`);
  clusterDir = path.join(dir, "postgres");
}, 6 * 60_000);

afterAll(async () => {
  await db?.close();
  stop(instance?.child.pid);
  if (instance) await exited(instance.child);
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
});

const postmasterPid = () => Number(fs.readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n")[0]);

describe("PostgreSQL killed under npm start", () => {
  it("answers 503 while it is away, comes back by itself, and keeps every acknowledged verdict; the import and the export end well", async () => {
    const { id: projectId } = await db.one(row({ id: col.int }), sql`SELECT "id" FROM "Project" ORDER BY "id" LIMIT 1`);
    // three annotators of the demo project, and a lead with an API token
    const annotators = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const email = `restart-${n}@example.org`;
        const password = `restart-password-${n}`;
        const now = new Date();
        const { id } = await db.one(
          row({ id: col.int }),
          sql`INSERT INTO "Account" ("email", "role", "passwordHash", "createdAt") VALUES (${email}, 'annotator', ${bcrypt.hashSync(password, 4)}, ${now}) RETURNING "id"`,
        );
        await db.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${projectId}, ${id}, ${now})`);
        return { email, password };
      }),
    );
    const { id: leadId } = await db.one(row({ id: col.int }), sql`SELECT "id" FROM "Account" WHERE "email" = 'lead@demo.local'`);
    const { secret } = await db.tx((t) => createApiToken({ accountId: leadId, name: "restart", scope: "write" }, { actorLabel: "e2e" }, t));
    const auth = { Authorization: `Bearer ${secret}` };
    // a project of its own for the import (its artifacts are not the demo's)
    const importInto = await db.tx(async (t) => {
      const now = new Date();
      const { id } = await t.one(row({ id: col.int }), sql`INSERT INTO "Project" ("name", "createdAt", "updatedAt") VALUES ('Restart import', ${now}, ${now}) RETURNING "id"`);
      for (const m of await t.many(row({ id: col.int }), sql`SELECT "id" FROM "Account" WHERE "id" = ${leadId} OR "email" IN ${sql.list(DEMO_COLLEAGUES)}`)) {
        await t.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${id}, ${m.id}, ${now})`);
      }
      return id;
    });
    // a split version to export
    const { version } = await createSplitVersion(projectId, { ratios: { train: 0.6, validation: 0.2, test: 0.2 }, seed: "restart" }, { actorLabel: "e2e" }, { db });

    let done = false;
    const reviewers = annotators.map((a) => review(base, projectId, a.email, a.password, () => done));
    // an import of a few thousand lines, and an export, running when PostgreSQL dies
    const batch = [...generateDemoBatch({ users: 2000, seed: "restart-batch", annotators: DEMO_COLLEAGUES })].map((r) => JSON.stringify(r)).join("\n") + "\n";
    const upload = timedFetch(`${base}/api/v1/projects/${importInto}/batches?file=restart.jsonl`, { method: "POST", headers: { ...auth, "Idempotency-Key": "restart-1" }, body: batch });
    // once a worker runs the import (its lease is taken), an export is asked for, and PostgreSQL dies under both
    let leased = 0;
    for (let i = 0; i < 300 && leased === 0; i++) {
      leased = (
        await db.one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM "JobLease" l JOIN "ImportBatch" b ON b."id" = l."runId" WHERE l."queue" LIKE '%import%' AND b."projectId" = ${importInto}`)
      ).n;
      if (leased === 0) await sleep(50);
    }
    expect(leased).toBe(1);
    const started = await fetch(`${base}/api/v1/projects/${projectId}/exports`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ version }) });
    expect(started.status).toBe(202);
    const exportRun = ((await started.json()) as { id: number }).id;

    const killedAt = Date.now();
    process.kill(postmasterPid(), "SIGKILL");
    // while it is away: a page and an API call answer 503 with Retry-After, at once
    let page: Response | undefined;
    for (let i = 0; i < 100 && page?.status !== 503; i++) {
      page = (await timedFetch(`${base}/login`)).res;
      if (page?.status !== 503) await sleep(20);
    }
    expect(page?.status).toBe(503);
    expect(page?.headers.get("retry-after")).toBe("5");
    expect(await page?.text()).toContain("The database is unavailable");
    const api = await fetch(`${base}/api/v1/projects`, { headers: auth });
    if (api.status === 503) {
      expect(api.headers.get("retry-after")).toBe("5");
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe("unavailable");
    } else expect(api.status).toBe(200); // back already

    // npm start brings it back by itself, and the app serves again
    let back = false;
    for (let i = 0; i < 240 && !back; i++) {
      back = (await timedFetch(`${base}/login`)).answer.status === 200;
      if (!back) await sleep(250);
    }
    expect(back).toBe(true);
    const downFor = Date.now() - killedAt;
    expect(postmasterPid()).toBeGreaterThan(0);
    await sleep(3000); // reviewing goes on after the restart
    done = true;
    const reviewed = await Promise.all(reviewers);

    // never a 500, never a hang, and reviewing went on after the restart
    const statuses = reviewed.flatMap((r) => r.answers.map((a) => a.status));
    expect([...new Set(statuses)].sort()).toEqual(expect.arrayContaining([200]));
    expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
    for (const r of reviewed) expect(r.answers.filter((a) => a.status === 200 && a.at > killedAt + downFor).length).toBeGreaterThan(0);
    // every verdict the server acknowledged is there
    for (const r of reviewed) {
      const stored = await db.many(
        row({ artifactId: col.text }),
        sql`SELECT v."artifactId" FROM "VerdictEvent" v JOIN "Account" a ON a."id" = v."accountId" WHERE a."email" = ${r.email} AND v."artifactId" IN ${sql.list(r.acknowledged)}`,
      );
      expect(new Set(stored.map((s) => s.artifactId))).toEqual(new Set(r.acknowledged));
    }

    // the upload answered (200, or 503 while the database was away: never a 500 or a hang), and its
    // batch ended one way or the other; the same upload again imports cleanly
    const first = await upload;
    expect([200, 503]).toContain(first.answer.status);
    await first.res?.body?.cancel();
    let batchStatus = "running";
    for (let i = 0; i < 240 && batchStatus === "running"; i++) {
      const b = await db.maybe(row({ status: col.text }), sql`SELECT "status" FROM "ImportBatch" WHERE "projectId" = ${importInto} AND "idempotencyKey" = 'restart-1' ORDER BY "id" DESC LIMIT 1`);
      batchStatus = b?.status ?? "failed"; // never recorded: as good as failed
      if (batchStatus === "running") await sleep(500);
    }
    expect(["succeeded", "failed"]).toContain(batchStatus);
    const again = await fetch(`${base}/api/v1/projects/${importInto}/batches?file=restart.jsonl`, { method: "POST", headers: { ...auth, "Idempotency-Key": "restart-1" }, body: batch });
    expect({ status: again.status, body: await again.json() }).toMatchObject({ status: 200, body: { ok: true } });
    expect(await db.one(row({ n: col.int }), sql`SELECT COUNT(*) AS "n" FROM "SourceUser" WHERE "projectId" = ${importInto}`)).toEqual({ n: 2000 });

    // the queue ran the export again: it succeeds and downloads with its listed sha256
    let info: { status: string; files: { name: string; url: string; bytes: number; sha256: string }[] } = { status: "running", files: [] };
    for (let i = 0; i < 360 && info.status === "running"; i++) {
      await sleep(500);
      const res = await timedFetch(`${base}/api/v1/projects/${projectId}/exports/${exportRun}`, { headers: auth });
      if (res.res?.status === 200) info = (await res.res.json()) as typeof info;
    }
    expect(info.status).toBe("succeeded");
    const train = info.files.find((f) => f.name === "train.jsonl")!;
    const bytes = Buffer.from(await (await fetch(`${base}${train.url}`, { headers: auth })).arrayBuffer());
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(train.sha256);
  }, 300_000);
});
