import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import bcrypt from "bcryptjs";
import { afterAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { sql } from "@/lib/db/sql";
import { freePort } from "../helpers/free-port";
import { exited, startInstance, stop, waitUntilUp } from "../helpers/instances";
import { review, sleep, timedFetch } from "../helpers/reviewers";

// An external PostgreSQL (Debian's, as .ci/run sets it up) restarted under `npm start` while
// annotators review: `pg_ctlcluster VERSION main restart`. Requests answer 503 while it is away,
// never a 500 or a hang; the pools and the worker reconnect without a restart of the app; every
// acknowledged verdict is kept. It restarts the whole server, so it runs alone: .ci/run runs it after
// the integration suite with PG_RESTART_CLUSTER="15 main" (skipped otherwise).
const cluster = process.env.PG_RESTART_CLUSTER?.split(" ");

let instance: ReturnType<typeof startInstance> | undefined;
let dir: string | undefined;
let db: Db | undefined;
afterAll(async () => {
  await db?.close();
  stop(instance?.child.pid);
  if (instance) await exited(instance.child);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!cluster || !process.env.TEST_POSTGRES_URL)("an external PostgreSQL restarted under npm start", () => {
  it(
    "answers 503 while it restarts, reconnects by itself without a restart of the app, and keeps every acknowledged verdict",
    async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "workbench-external-"));
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      // this test's own database on the server (npm start seeds the demo into it, as for a new team)
      instance = startInstance({ PORT: String(port), DATABASE_URL: process.env.DATABASE_URL!, DATA_DIR: dir, DEMO_USERS: "30", NEXTAUTH_URL: base, JOB_STALL_SECONDS: "5" });
      await waitUntilUp(`${base}/login`, instance.child, instance.output, 10 * 60_000);
      db = openDb(process.env.DATABASE_URL!);
      const { id: projectId } = await db.one(row({ id: col.int }), sql`SELECT "id" FROM "Project" ORDER BY "id" LIMIT 1`);
      const annotators = await Promise.all(
        [1, 2].map(async (n) => {
          const email = `external-${n}@example.org`;
          const password = `external-password-${n}`;
          const now = new Date();
          const { id } = await db!.one(
            row({ id: col.int }),
            sql`INSERT INTO "Account" ("email", "role", "passwordHash", "createdAt") VALUES (${email}, 'annotator', ${bcrypt.hashSync(password, 4)}, ${now}) RETURNING "id"`,
          );
          await db!.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${projectId}, ${id}, ${now})`);
          return { email, password };
        }),
      );
      let done = false;
      const reviewers = annotators.map((a) => review(base, projectId, a.email, a.password, () => done));
      await sleep(1500);

      const restartedAt = Date.now();
      execFileSync("pg_ctlcluster", [...cluster!, "restart"], { stdio: "ignore" });
      // it serves again without a restart of the app
      let back = false;
      for (let i = 0; i < 240 && !back; i++) {
        back = (await timedFetch(`${base}/login`)).answer.status === 200;
        if (!back) await sleep(250);
      }
      expect(back).toBe(true);
      const backAt = Date.now();
      await sleep(3000);
      done = true;
      const reviewed = await Promise.all(reviewers);

      const statuses = reviewed.flatMap((r) => r.answers.map((a) => a.status));
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([]);
      for (const r of reviewed) expect(r.answers.filter((a) => a.status === 200 && a.at > backAt).length).toBeGreaterThan(0);
      expect(instance.output()).toMatch(/Database: unavailable/);
      for (const r of reviewed) {
        const stored = await db.many(
          row({ artifactId: col.text }),
          sql`SELECT v."artifactId" FROM "VerdictEvent" v JOIN "Account" a ON a."id" = v."accountId" WHERE a."email" = ${r.email} AND v."artifactId" IN ${sql.list(r.acknowledged)}`,
        );
        expect(new Set(stored.map((s) => s.artifactId))).toEqual(new Set(r.acknowledged));
        expect(r.acknowledged.length).toBeGreaterThan(0);
      }
      expect(Date.now() - restartedAt).toBeLessThan(120_000);
    },
    15 * 60_000,
  );
});
