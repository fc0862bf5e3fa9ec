import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { verifyWebhook } from "@/lib/domain/webhooks";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { createApiToken } from "@/lib/server/auth/api-tokens";
import { DEMO_ACCOUNTS, DEMO_COLLEAGUES } from "@/lib/server/demo/seed-demo";
import { login, useChromium } from "../helpers/browser";
import { count, serverDb, sql } from "../helpers/e2e-db";
import { freePort } from "../helpers/free-port";
import { apiClient, uncheckedEndpoints } from "../helpers/openapi-check";
import { webhookReceiver } from "../helpers/webhook-receiver";

// Webhooks end to end: a lead registers an endpoint on the webhooks page, the secret shows once,
// a real HTTP server receives signed deliveries; killed, it makes deliveries retry and fail in the
// log (the e2e server tries twice, a second apart); brought back, "Redeliver" gets one through.

const baseURL = inject("baseURL");
const lead = DEMO_ACCOUNTS.find((a) => a.role === "lead")!;
const chromium = useChromium();
const receivers: ReturnType<typeof webhookReceiver>[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.kill();
});

describe("webhooks", () => {
  afterAll(() => {
    expect(uncheckedEndpoints(["listWebhooks", "createWebhook", "deleteWebhook", "webhookDeliveries", "redeliverWebhook"])).toEqual([]);
  });

  it("are managed from a script too: register, read the log, redeliver and delete over the API", async () => {
    const receiver = webhookReceiver(await freePort());
    receivers.push(receiver);
    await receiver.start();
    const accountId = await count(sql`SELECT "id" FROM "Account" WHERE "email" = ${lead.email}`);
    const api = apiClient(baseURL, (await serverDb().tx((t) => createApiToken({ accountId, name: "webhooks api", scope: "write" }, { actorLabel: "e2e" }, t))).secret);
    const project = await (await api.send("POST", "/projects", { name: `Webhooks API ${Date.now()}` })).json();
    const refused = await api.send("POST", `/projects/${project.id}/webhooks`, { url: receiver.url, events: ["nothing.happened"] });
    expect(refused.status).toBe(422);
    const made = await api.send("POST", `/projects/${project.id}/webhooks`, { url: receiver.url, events: ["batch.imported"], description: "release job" });
    expect(made.status).toBe(201);
    const endpoint = await made.json();
    expect(endpoint).toMatchObject({ url: receiver.url, events: ["batch.imported"], description: "release job", secret: expect.stringMatching(/^whsec_/) });
    expect((await (await api.get(`/projects/${project.id}/webhooks`)).json()).endpoints).toEqual([expect.not.objectContaining({ secret: expect.anything() })]);

    const batch = [...generateDemoBatch({ users: 1, seed: "webhooks-api" })].map((r) => JSON.stringify(r)).join("\n");
    expect((await api.post(`/projects/${project.id}/batches`, batch)).status).toBe(200);
    const delivered = async () => (await (await api.get(`/projects/${project.id}/webhooks/deliveries`)).json()).deliveries;
    await expect.poll(async () => (await delivered())[0]?.status, { timeout: 20_000 }).toBe("succeeded");
    const [first] = await delivered();
    expect(verifyWebhook(endpoint.secret, receiver.received[0].headers, receiver.received[0].body)).toBeNull();
    const again = await api.send("POST", `/projects/${project.id}/webhooks/deliveries/${first.id}/redeliver`);
    expect(again.status).toBe(202);
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(2);
    expect(receiver.received[1].headers["webhook-id"]).toBe(first.messageId);

    expect(await (await api.send("DELETE", `/projects/${project.id}/webhooks/${endpoint.id}`)).json()).toEqual({ id: endpoint.id, url: receiver.url });
    expect((await (await api.get(`/projects/${project.id}/webhooks`)).json()).endpoints).toEqual([]);
    expect((await api.send("DELETE", `/projects/${project.id}/webhooks/${endpoint.id}`)).status).toBe(404);
  });

  it("registers an endpoint, delivers signed messages, retries a dead receiver and redelivers from the log", async () => {
    const receiver = webhookReceiver(await freePort());
    receivers.push(receiver);
    await receiver.start();
    const accountId = await count(sql`SELECT "id" FROM "Account" WHERE "email" = ${lead.email}`);
    const secret = (await serverDb().tx((t) => createApiToken({ accountId, name: "webhooks e2e", scope: "write" }, { actorLabel: "e2e" }, t))).secret;
    const api = apiClient(baseURL, secret);
    const project = await (await api.send("POST", "/projects", { name: `Webhooks ${Date.now()}` })).json();
    await api.send("POST", `/projects/${project.id}/members`, { role: "annotator", emails: DEMO_COLLEAGUES });

    const page = await (await chromium().newContext()).newPage();
    await login(page, baseURL, lead.email, lead.password);
    await page.goto(`${baseURL}/projects/${project.id}/webhooks`);
    await expect.poll(() => page.getByText("No endpoint yet.").count()).toBe(1);
    await page.getByLabel("URL").fill("ftp://nowhere");
    await page.getByRole("button", { name: "Register endpoint" }).click();
    await expect.poll(() => page.getByTestId("new-webhook").textContent()).toContain("A webhook URL starts with https://");
    await page.getByLabel("URL").fill(receiver.url);
    await page.getByRole("button", { name: "Register endpoint" }).click();
    const shown = page.getByTestId("new-webhook-message").getByTestId("secret");
    await expect.poll(() => shown.count()).toBe(1);
    const signing = (await shown.textContent())!;
    expect(signing).toMatch(/^whsec_/);
    await expect.poll(() => page.getByTestId("webhook-endpoint").count()).toBe(1);

    const batch = [...generateDemoBatch({ users: 3, seed: "webhooks-e2e", annotators: DEMO_COLLEAGUES })].map((r) => JSON.stringify(r)).join("\n");
    expect((await api.post(`/projects/${project.id}/batches?file=first.jsonl`, batch)).status).toBe(200);
    await expect.poll(() => receiver.events().some((e) => e.type === "batch.imported"), { timeout: 20_000 }).toBe(true);
    const imported = receiver.received.find((r) => JSON.parse(r.body).type === "batch.imported")!;
    expect(verifyWebhook(signing, imported.headers, imported.body)).toBeNull();
    expect(JSON.parse(imported.body).data).toMatchObject({ projectId: project.id, fileName: "first.jsonl" });

    // the receiver dies: a refused batch is told of, tried twice, and fails in the log
    await receiver.kill();
    expect((await api.post(`/projects/${project.id}/batches?file=bad.jsonl`, "{not json\n")).status).toBe(422);
    await page.reload();
    const failedRow = page.getByTestId("webhook-delivery").filter({ hasText: "batch.failed" });
    await expect.poll(async () => (await failedRow.getByTestId("delivery-status").textContent()) ?? "", { timeout: 20_000 }).toBe("failed");
    expect(await failedRow.getByTestId("delivery-attempts").textContent()).toBe("2");
    expect(await failedRow.textContent()).toContain("connection refused");

    await receiver.start();
    await failedRow.getByRole("button", { name: "Redeliver" }).click();
    await expect.poll(async () => (await failedRow.getByTestId("delivery-status").textContent()) ?? "", { timeout: 20_000 }).toBe("succeeded");
    const failed = receiver.received.find((r) => JSON.parse(r.body).type === "batch.failed")!;
    expect(verifyWebhook(signing, failed.headers, failed.body)).toBeNull();
    expect(JSON.parse(failed.body).data).toMatchObject({ fileName: "bad.jsonl", errorCount: 1 });

    await page.getByRole("button", { name: "Delete…" }).click();
    await page.getByRole("button", { name: "Delete endpoint" }).click();
    await expect.poll(() => page.getByText("No endpoint yet.").count()).toBe(1);
  });
});
