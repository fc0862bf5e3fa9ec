import { afterEach, describe, expect, it } from "vitest";
import { generateDemoBatch } from "@/lib/domain/demo/generate";
import { defaultRuleSet } from "@/lib/domain/qc/rule-set";
import { verifyWebhook, WEBHOOK_EVENTS } from "@/lib/domain/webhooks";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { saveRuleSet } from "@/lib/server/qc/rule-sets";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { performExportRun, requestExport } from "@/lib/server/splits/export-runs";
import { adjudicate } from "@/lib/server/adjudication/adjudicate";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, redeliverWebhook } from "@/lib/server/webhooks/webhook-endpoints";
import { emitEvent } from "@/lib/server/webhooks/emit-event";
import { count, sql, ARTIFACT_ROWS } from "../helpers/db";
import { TEST_ACTOR, importText, jsonl, makeAccount, makeProject } from "../helpers/factories";
import { freePort } from "../helpers/free-port";
import { until, useWorkers, withQueueOptions } from "../helpers/job-workers";
import { webhookReceiver } from "../helpers/webhook-receiver";

const receivers: ReturnType<typeof webhookReceiver>[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.kill();
});

async function receiving(answer?: Parameters<typeof webhookReceiver>[1]) {
  const r = webhookReceiver(await freePort(), answer);
  receivers.push(r);
  await r.start();
  return r;
}

describe("webhooks", () => {
  const workers = useWorkers();

  it("delivers every event signed as Standard Webhooks has it, batches finalized artifacts, and logs each delivery", async () => {
    const receiver = await receiving();
    const project = await makeProject();
    const [a, b, lead] = [await makeAccount(), await makeAccount(), await makeAccount("lead")];
    const { secret, id: endpointId } = await createWebhookEndpoint(project.id, { url: receiver.url, events: [...WEBHOOK_EVENTS], description: "pipeline" }, TEST_ACTOR);
    await workers.inProcess();

    const batch = [...generateDemoBatch({ users: 30, seed: "webhooks", annotators: [a.email, b.email] })];
    expect((await importText(project.id, jsonl(batch))).ok).toBe(true);
    expect((await importText(project.id, jsonl([{ type: "artifact", id: "x" }]))).ok).toBe(false);
    const final = await count(sql`SELECT COUNT(*) FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${project.id} AND "status" IN ('accepted', 'rejected')`);
    const { id: disputed } = await db().one(row({ id: col.text }), sql`SELECT "id" FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${project.id} AND "status" = 'disputed' ORDER BY "id" LIMIT 1`);
    await adjudicate(project.id, { actorId: lead.id, actorLabel: lead.email }, { artifactId: disputed, decision: "reject", reasons: ["other"], note: "no" });
    await saveRuleSet(project.id, { rules: defaultRuleSet(), note: "again" }, TEST_ACTOR);
    const { version } = await createSplitVersion(project.id, { ratios: { train: 0.8, validation: 0.1, test: 0.1 }, seed: "w" }, TEST_ACTOR);
    await performExportRun(await requestExport(project.id, version, "freeze", TEST_ACTOR, { queued: false }));
    await performExportRun(await requestExport(project.id, version, "export", TEST_ACTOR, { queued: false }));

    const finalizedCount = () =>
      receiver
        .events()
        .filter((e) => e.type === "artifact.finalized")
        .reduce((n, e) => n + (e.data.count as number), 0);
    await until("every event", async () => WEBHOOK_EVENTS.every((t) => receiver.events().some((e) => e.type === t)) && finalizedCount() === final + 1, 30_000);

    for (const r of receiver.received) {
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["webhook-id"]).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
      expect(verifyWebhook(secret, r.headers, r.body)).toBeNull();
      expect(verifyWebhook(secret, r.headers, r.body.replace("}", ', "x": 1}'))).toBe("no signature matches");
    }
    const events = receiver.events();
    const of = (type: string) => events.find((e) => e.type === type)!.data;
    expect(of("batch.imported")).toMatchObject({ projectId: project.id, summary: { artifacts: expect.any(Number) } });
    expect(of("batch.failed")).toMatchObject({ projectId: project.id, errorCount: 1, issues: [{ line: 1 }] });
    expect(of("adjudication.recorded")).toMatchObject({ artifactId: disputed, decision: "reject", reasons: ["other"], lead: lead.email, status: "rejected" });
    expect(of("rules.published")).toMatchObject({ version: 2, note: "again" });
    expect(of("split.frozen")).toMatchObject({ version, files: expect.arrayContaining([expect.objectContaining({ name: "train.jsonl", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]) });
    expect(of("export.finished")).toMatchObject({ version, exportId: expect.any(Number), export: expect.stringMatching(/^\/api\/v1\/projects\/\d+\/exports\/\d+$/) });
    // the finalized artifacts: each one told of once (the adjudicated one too), in batches
    const told = events.filter((e) => e.type === "artifact.finalized").flatMap((e) => e.data.artifacts as { id: string; status: string }[]);
    expect(new Set(told.map((t) => t.id)).size).toBe(final + 1);
    expect(told).toContainEqual(expect.objectContaining({ id: disputed, status: "rejected" }));

    // the receiver has the last message a moment before its worker records the answer
    const log = await until(
      "every delivery recorded",
      async () => {
        const deliveries = await listWebhookDeliveries(project.id);
        return deliveries.every((d) => d.status !== "pending") && deliveries;
      },
      30_000,
    );
    expect(log.length).toBe(receiver.received.length);
    for (const d of log) expect(d).toMatchObject({ endpointId, status: "succeeded", attempts: 1, responseStatus: 200, error: null, durationMs: expect.any(Number) });
    expect(await count(sql`SELECT COUNT(*) FROM "WebhookOutbox" WHERE "projectId" = ${project.id}`)).toBe(0);

    // a deleted endpoint gets nothing more
    await deleteWebhookEndpoint(project.id, endpointId, TEST_ACTOR);
    expect(await db().tx((t) => emitEvent(t, project.id, "rules.published", {}))).toBe(0);
  });

  it("retries a receiver that is down with a growing wait, logs each attempt and the failure, and redelivers the same message", async () => {
    const receiver = await receiving();
    const project = await makeProject();
    const { secret } = await createWebhookEndpoint(project.id, { url: receiver.url, events: ["rules.published"], description: "" }, TEST_ACTOR);
    await receiver.kill();
    await withQueueOptions("webhook", { retryLimit: 2, retryDelay: 1 }, async () => {
      await workers.inProcess();
      // the action does not wait for the receiver: it commits, and the delivery is the queue's
      await saveRuleSet(project.id, { rules: defaultRuleSet(), note: "while down" }, TEST_ACTOR);
      const failed = await until("the last attempt", async () => (await listWebhookDeliveries(project.id)).find((d) => d.status === "failed"), 30_000);
      expect(failed).toMatchObject({ attempts: 3, responseStatus: null, error: "connection refused", eventType: "rules.published" });
      expect(receiver.received).toHaveLength(0);

      await receiver.start();
      await redeliverWebhook(project.id, failed.id, TEST_ACTOR);
      await expect(redeliverWebhook(project.id, failed.id, TEST_ACTOR)).rejects.toThrow("being delivered already");
      const done = await until("the redelivery", async () => (await listWebhookDeliveries(project.id)).find((d) => d.status === "succeeded"), 30_000);
      expect(done).toMatchObject({ id: failed.id, messageId: failed.messageId, attempts: 4, responseStatus: 200, error: null });
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0].headers["webhook-id"]).toBe(failed.messageId);
      expect(verifyWebhook(secret, receiver.received[0].headers, receiver.received[0].body)).toBeNull();
    });
  });

  it("notes no finalized artifact of a project without an endpoint for them", async () => {
    const [a, b] = [await makeAccount(), await makeAccount()];
    const listening = await makeProject();
    await createWebhookEndpoint(listening.id, { url: "http://127.0.0.1:9/hooks", events: ["artifact.finalized"], description: "" }, TEST_ACTOR);
    const quiet = await makeProject();
    await createWebhookEndpoint(quiet.id, { url: "http://127.0.0.1:9/hooks", events: ["rules.published"], description: "" }, TEST_ACTOR);
    const batch = jsonl([...generateDemoBatch({ users: 10, seed: "quiet", annotators: [a.email, b.email] })]);
    expect((await importText(quiet.id, batch)).ok).toBe(true);
    expect(await count(sql`SELECT COUNT(*) FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${quiet.id} AND "status" IN ('accepted', 'rejected')`)).toBeGreaterThan(0);
    expect(await count(sql`SELECT COUNT(*) FROM "WebhookOutbox" WHERE "projectId" = ${quiet.id}`)).toBe(0);
    expect((await importText(listening.id, batch)).ok).toBe(true);
    expect(await count(sql`SELECT COUNT(*) FROM "WebhookOutbox" WHERE "projectId" = ${listening.id}`)).toBe(
      await count(sql`SELECT COUNT(*) FROM ${ARTIFACT_ROWS} "Artifact" WHERE "projectId" = ${listening.id} AND "status" IN ('accepted', 'rejected')`),
    );
  });

  it("counts an answer outside 2xx as a failure, with the status in the log", async () => {
    const receiver = await receiving(() => 503);
    const project = await makeProject();
    await createWebhookEndpoint(project.id, { url: receiver.url, events: ["rules.published"], description: "" }, TEST_ACTOR);
    await withQueueOptions("webhook", { retryLimit: 1, retryDelay: 1 }, async () => {
      await workers.inProcess();
      await saveRuleSet(project.id, { rules: defaultRuleSet() }, TEST_ACTOR);
      const failed = await until("the failure", async () => (await listWebhookDeliveries(project.id)).find((d) => d.status === "failed"), 30_000);
      expect(failed).toMatchObject({ attempts: 2, responseStatus: 503, error: "answered 503" });
      expect(receiver.received).toHaveLength(2);
    });
    await expect(createWebhookEndpoint(project.id, { url: receiver.url, events: [], description: "" }, TEST_ACTOR)).rejects.toThrow("Choose at least one event");
  });
});
