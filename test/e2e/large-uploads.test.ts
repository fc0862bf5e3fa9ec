// Uploads past Next's 10 MB proxy buffer: a 30 MB batch arrives whole through the API and through the
// upload page (every line imported), and one over the limit is refused with 413 and nothing written.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiToken } from "@/lib/server/auth/api-tokens";
import { DEMO_ACCOUNTS } from "@/lib/server/demo/seed-demo";
import { launchChromium, login } from "../helpers/browser";
import { col, count as countOf, row, serverDb, sql } from "../helpers/e2e-db";
import { apiClient } from "../helpers/openapi-check";
import { API_MAX_UPLOAD_BYTES } from "../helpers/instances";

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const leadId = () => countOf(sql`SELECT "id" FROM "Account" WHERE "email" = ${lead.email}`);

/** A batch of about `bytes`: users, each with posts of 8 KB of text; returns the text and its line counts. */
function bigBatch(tag: string, bytes: number): { text: string; users: number; posts: number } {
  const filler = "The long walk home took most of the afternoon, past the river and the old mill. ".repeat(100);
  const lines: string[] = [];
  let size = 0;
  let users = 0;
  let posts = 0;
  while (size < bytes) {
    const uid = `reddit:${tag}-u${users++}`;
    lines.push(JSON.stringify({ type: "user", uid, platform: "reddit" }));
    for (let p = 0; p < 15; p++) {
      lines.push(
        JSON.stringify({
          type: "post",
          id: `reddit:${tag}-p${posts++}`,
          uid,
          platform: "reddit",
          kind: "submission",
          created_at: "2020-05-01T08:00:00Z",
          text: `${posts} ${filler}`,
        }),
      );
    }
    size += lines.slice(-16).reduce((n, l) => n + l.length + 1, 0);
  }
  return { text: lines.join("\n") + "\n", users, posts };
}

const postsOf = (projectId: number) => countOf(sql`SELECT COUNT(*) FROM "Post" WHERE "projectId" = ${projectId}`);
const usersOf = (projectId: number) => countOf(sql`SELECT COUNT(*) FROM "SourceUser" WHERE "projectId" = ${projectId}`);

async function writeToken(name: string) {
  const accountId = await leadId();
  return serverDb().tx((t) => createApiToken({ accountId, name, scope: "write" }, { actorLabel: "e2e" }, t));
}

async function newProject(name: string): Promise<number> {
  const lead = await leadId();
  return serverDb().tx(async (t) => {
    const now = new Date();
    const { id } = await t.one(row({ id: col.int }), sql`INSERT INTO "Project" ("name", "overlap", "createdAt", "updatedAt") VALUES (${name}, 2, ${now}, ${now}) RETURNING "id"`);
    await t.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${id}, ${lead}, ${now})`);
    return id;
  });
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("uploads past 10 MB", () => {
  it("imports every line of a 30 MB batch posted to the API", async () => {
    const projectId = await newProject(`Large API ${Date.now()}`);
    const { secret } = await writeToken("large uploads");
    const batch = bigBatch(`api${Date.now()}`, 30 << 20);
    expect(batch.text.length).toBeGreaterThan(30 << 20);
    const r = await apiClient(baseURL, secret).post(`/projects/${projectId}/batches?file=large.jsonl`, batch.text);
    const body = await r.json();
    expect(r.status, JSON.stringify(body).slice(0, 500)).toBe(200);
    expect(body.summary).toMatchObject({ users: batch.users, posts: batch.posts });
    expect(await usersOf(projectId)).toBe(batch.users);
    expect(await postsOf(projectId)).toBe(batch.posts);
  });

  it("imports every line of a 30 MB batch chosen on the upload page", async () => {
    const project = `Large page ${Date.now()}`;
    const batch = bigBatch(`page${Date.now()}`, 30 << 20);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "large-upload-")), "large.jsonl");
    fs.writeFileSync(file, batch.text);
    const page = await (await browser.newContext()).newPage();
    await login(page, baseURL, lead.email, lead.password);
    await page.goto(`${baseURL}/import`);
    await page.getByLabel("Project", { exact: true }).selectOption({ label: "New project…" });
    await page.getByLabel("New project name").fill(project);
    await page.getByLabel("Batch file (.jsonl)").setInputFiles(file);
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByTestId("import-summary").or(page.getByTestId("import-failed")).first().waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("import-failed").count()).toBe(0);
    const { id } = await serverDb().one(row({ id: col.int }), sql`SELECT "id" FROM "Project" WHERE "name" = ${project}`);
    expect(await usersOf(id)).toBe(batch.users);
    expect(await postsOf(id)).toBe(batch.posts);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }, 180_000);

  it("refuses a batch over the limit with 413, the limit in the message, and writes nothing", async () => {
    const projectId = await newProject(`Large refused ${Date.now()}`);
    const { secret } = await writeToken("large refused");
    const batch = bigBatch(`over${Date.now()}`, API_MAX_UPLOAD_BYTES + (1 << 20));
    const r = await apiClient(baseURL, secret).post(`/projects/${projectId}/batches`, batch.text);
    expect(r.status).toBe(413);
    expect((await r.json()).error.message).toContain(API_MAX_UPLOAD_BYTES.toLocaleString("en"));
    expect(await postsOf(projectId)).toBe(0);
    expect(await usersOf(projectId)).toBe(0);
  });
});
