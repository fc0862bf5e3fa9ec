// Webhooks after the security re-test: targets must be public (at registration and at the address a
// delivery connects to), answers are never read or kept, secrets are sealed, and an endpoint stops
// when its creator may no longer manage the project.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import type net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { defaultRuleSet } from "@/lib/domain/qc/rule-set";
import { verifyWebhook } from "@/lib/domain/webhooks";
import { env } from "@/lib/env";
import { changeRole, setActive } from "@/lib/server/accounts/manage-accounts";
import type { Actor } from "@/lib/server/record-audit";
import { backupDatabase } from "@/lib/server/backup/backup-database";
import { setProjectMembers } from "@/lib/server/projects/update-project-settings";
import { saveRuleSet } from "@/lib/server/qc/rule-sets";
import { postWebhook } from "@/lib/server/webhooks/post-webhook";
import { openSecret, sealSecret } from "@/lib/server/webhooks/secret-box";
import { createWebhookEndpoint, listStoppedWebhookEndpoints, listWebhookDeliveries, listWebhookEndpoints, sealClearSecrets } from "@/lib/server/webhooks/webhook-endpoints";
import { auditEvent, count, sql, texts } from "../helpers/db";
import { TEST_ACTOR, addMember, makeAccount, makeProject } from "../helpers/factories";
import { freePort } from "../helpers/free-port";
import { until, useWorkers } from "../helpers/job-workers";
import { webhookReceiver } from "../helpers/webhook-receiver";

const servers: { close(): unknown }[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  env.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1", "localhost"];
  env.WEBHOOK_ALLOW_HTTP = true;
});

async function receiving() {
  const r = webhookReceiver(await freePort());
  servers.push({ close: r.kill });
  await r.start();
  return r;
}

/** A server on loopback that answers every request with `handle`. */
async function server(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const port = await freePort();
  const s = http.createServer(handle);
  const sockets = new Set<net.Socket>();
  s.on("connection", (c) => (sockets.add(c), c.on("close", () => sockets.delete(c))));
  await new Promise<void>((resolve) => s.listen(port, "127.0.0.1", resolve));
  servers.push({ close: () => new Promise<void>((resolve) => (sockets.forEach((c) => c.destroy()), s.close(() => resolve()))) });
  return `http://127.0.0.1:${port}`;
}

const register = (projectId: number, url: string, actor: Actor = TEST_ACTOR) => createWebhookEndpoint(projectId, { url, events: ["rules.published"], description: "" }, actor);
const strict = { allowHttp: true, allowedHosts: [] };

describe("webhook targets", () => {
  const workers = useWorkers();

  it("refuses internal targets at registration in every notation, and a local receiver unless the operator allows it", async () => {
    const project = await makeProject();
    const receiver = await receiving();
    env.WEBHOOK_ALLOWED_HOSTS = [];
    const port = new URL(receiver.url).port;
    for (const host of ["127.0.0.1", "localhost", "[::1]", "0.0.0.0", "2130706433", "0x7f000001", "0177.0.0.1", "127.1", "[::ffff:127.0.0.1]", "10.0.0.8", "169.254.169.254", "[fd00::1]"]) {
      await expect(register(project.id, `http://${host}:${port}/hooks`), host).rejects.toThrow(/webhooks go only to public addresses/);
    }
    env.WEBHOOK_ALLOW_HTTP = false;
    await expect(register(project.id, "http://93.184.215.14/hooks")).rejects.toThrow(/starts with https:\/\//);
    expect(await count(sql`SELECT COUNT(*) FROM "WebhookEndpoint" WHERE "projectId" = ${project.id}`)).toBe(0);

    env.WEBHOOK_ALLOW_HTTP = true;
    env.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"];
    await register(project.id, receiver.url);
    expect(await listWebhookEndpoints(project.id)).toHaveLength(1);
  });

  it("checks the address a delivery connects to: an allowed endpoint refused later, and a name that turns internal (DNS rebinding), reach nothing", async () => {
    const project = await makeProject();
    const receiver = await receiving();
    await register(project.id, receiver.url);
    env.WEBHOOK_ALLOWED_HOSTS = []; // the operator takes the allowance back
    await workers.inProcess();
    await saveRuleSet(project.id, { rules: defaultRuleSet(), note: "refused" }, TEST_ACTOR);
    const refused = await until("the refused delivery", async () => (await listWebhookDeliveries(project.id)).find((d) => d.attempts > 0));
    expect(refused.error).toMatch(/^refused: 127\.0\.0\.1 is a loopback address/);
    expect(receiver.received).toHaveLength(0);

    // a public name at registration that resolves to loopback at delivery time
    const rebinding = async () => [{ address: "127.0.0.1", family: 4 }];
    const sent = await postWebhook(receiver.url.replace("127.0.0.1", "hooks.example.org"), { "content-type": "application/json" }, "{}", { timeoutMs: 2000, policy: strict, resolve: rebinding });
    expect(sent).toMatchObject({ status: null, error: expect.stringMatching(/^refused: hooks\.example\.org is a loopback address/) });
    expect(receiver.received).toHaveLength(0);
    // and an IPv4-mapped loopback given literally
    const mapped = await postWebhook(`http://[::ffff:127.0.0.1]:${new URL(receiver.url).port}/hooks`, {}, "{}", { timeoutMs: 2000, policy: strict });
    expect(mapped.error).toMatch(/^refused/);
    expect(receiver.received).toHaveLength(0);
  });

  it("does not follow redirects and never reads or keeps an answer's body, however large", async () => {
    const inside = await receiving();
    const redirecting = await server((_req, res) => res.writeHead(307, { location: inside.url }).end("moved"));
    const r = await postWebhook(`${redirecting}/hooks`, {}, "{}", { timeoutMs: 2000, policy: { allowHttp: true, allowedHosts: ["127.0.0.1"] } });
    expect(r).toMatchObject({ status: 307, error: "answered 307 (redirects are not followed)" });
    expect(inside.received).toHaveLength(0);

    // 400 MB offered: the worker takes the status and hangs up
    let written = 0;
    const flooding = await server((req, res) => {
      req.resume();
      res.writeHead(200, { "content-type": "text/plain" });
      const chunk = Buffer.alloc(1 << 20, "x");
      const pump = () => {
        while (written < 400 << 20 && res.write(chunk)) written += chunk.length;
        if (written < 400 << 20 && !res.destroyed) res.once("drain", () => ((written += chunk.length), pump()));
        else res.end();
      };
      pump();
    });
    const heapBefore = process.memoryUsage().rss;
    const flood = await postWebhook(`${flooding}/hooks`, {}, "{}", { timeoutMs: 5000, policy: { allowHttp: true, allowedHosts: ["127.0.0.1"] } });
    expect(flood).toMatchObject({ status: 200, error: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(written).toBeLessThan(64 << 20); // the socket closed long before 400 MB
    expect(process.memoryUsage().rss - heapBefore).toBeLessThan(64 << 20);
  });

  it("settles every attempt by its deadline, whatever the receiver does (a 101 answer too), and sends nothing to an endpoint stopped on the way", async () => {
    const upgrading = await server((req, res) => {
      req.resume();
      res.socket?.write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
    });
    const allowed = { allowHttp: true, allowedHosts: ["127.0.0.1"] };
    const started = Date.now();
    const upgraded = await postWebhook(`${upgrading}/hooks`, {}, "{}", { timeoutMs: 1000, policy: allowed });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(upgraded.status).toBeNull();
    expect(upgraded.error).toMatch(/connection closed without an answer|no answer within 1 s/);

    const receiver = await receiving();
    const slowName = async () => (await new Promise((resolve) => setTimeout(resolve, 200)), [{ address: "127.0.0.1", family: 4 }]);
    const stopped = await postWebhook(receiver.url.replace("127.0.0.1", "hooks.example.org"), {}, "{}", { timeoutMs: 2000, policy: allowed, resolve: slowName, stillWanted: async () => false });
    expect(stopped.error).toBe("the endpoint was stopped before sending");
    const literal = await postWebhook(receiver.url, {}, "{}", { timeoutMs: 2000, policy: allowed, stillWanted: async () => false });
    expect(literal.error).toBe("the endpoint was stopped before sending");
    expect(receiver.received).toHaveLength(0);

    // an IPv6 target's class names the whole address
    const v6 = await postWebhook(`http://[::ffff:127.0.0.1]:${new URL(receiver.url).port}/`, {}, "{}", { timeoutMs: 1000, policy: strict });
    expect(v6.error).toBe("refused: [::ffff:7f00:1] is a loopback address");
  });

  it("opens a sealed secret only for its own endpoint, whole, under the key it was sealed with", async () => {
    const sealed = sealSecret("whsec_" + Buffer.alloc(32, 1).toString("base64"), 41);
    expect(openSecret(sealed, 41)).toBe("whsec_" + Buffer.alloc(32, 1).toString("base64"));
    expect(() => openSecret(sealed, 42)).toThrow(/cannot be opened/); // copied to another endpoint's row
    const raw = Buffer.from(sealed.slice("sealed:v1:".length), "base64");
    expect(() => openSecret("sealed:v1:" + raw.subarray(0, 16).toString("base64"), 41)).toThrow(/cannot be opened/); // a short tag
    expect(() => openSecret("not-a-secret", 41)).toThrow(/cannot be opened/); // a clear value that was never a secret
    const key = env.WORKBENCH_SECRET_KEY;
    env.WORKBENCH_SECRET_KEY = "another key of at least thirty-two characters";
    try {
      expect(() => openSecret(sealed, 41)).toThrow(/sealed under another key/);
    } finally {
      env.WORKBENCH_SECRET_KEY = key;
    }
  });

  it("keeps no answer body in the log, and signing secrets only sealed", async () => {
    const project = await makeProject();
    const receiver = await receiving();
    const { secret } = await register(project.id, receiver.url);
    expect(await texts(sql`SELECT "secret" AS "v" FROM "WebhookEndpoint" WHERE "projectId" = ${project.id}`)).toEqual([expect.stringMatching(/^sealed:v1:/)]);
    expect((await texts(sql`SELECT "secret" AS "v" FROM "WebhookEndpoint" WHERE "projectId" = ${project.id}`))[0]).not.toContain(secret.slice(6));
    expect(await count(sql`SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'WebhookDelivery' AND column_name = 'responseBody'`)).toBe(0);
    // nor does a backup hold it
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sealed-")), "backup.gz");
    await backupDatabase(process.env.DATABASE_URL!, file);
    const backup = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8");
    expect(backup).toContain("sealed:v1:");
    expect(backup).not.toContain(secret.slice("whsec_".length));
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    await workers.inProcess();
    await saveRuleSet(project.id, { rules: defaultRuleSet(), note: "signed" }, TEST_ACTOR);
    const got = await until("the delivery", async () => receiver.received[0]);
    expect(verifyWebhook(secret, got.headers, got.body)).toBeNull(); // signed with the secret shown once

    // an endpoint registered before sealing is sealed when a worker starts, and still signs the same
    const clear = "whsec_" + Buffer.alloc(32, 7).toString("base64");
    const { db } = await import("@/lib/db/client");
    await db().exec(sql`UPDATE "WebhookEndpoint" SET "secret" = ${clear} WHERE "projectId" = ${project.id}`);
    expect(await sealClearSecrets()).toBeGreaterThanOrEqual(1);
    expect(await texts(sql`SELECT "secret" AS "v" FROM "WebhookEndpoint" WHERE "projectId" = ${project.id}`)).toEqual([expect.stringMatching(/^sealed:v1:/)]);
    await saveRuleSet(project.id, { rules: defaultRuleSet(), note: "signed again" }, TEST_ACTOR);
    const again = await until("the second delivery", async () => receiver.received[1]);
    expect(verifyWebhook(clear, again.headers, again.body)).toBeNull();
  });
});

describe("webhooks belong to the project", () => {
  it("stop when their creator leaves the project, is deactivated or is no longer a lead, with the reason in the audit log", async () => {
    const project = await makeProject();
    const receiver = await receiving();
    const [leaving, deactivated, demoted, staying] = [await makeAccount("lead"), await makeAccount("lead"), await makeAccount("lead"), await makeAccount("lead")];
    for (const a of [leaving, deactivated, demoted, staying]) await addMember(project.id, a.id);
    const admin = await makeAccount("admin");
    const formerAdmin = await makeAccount("admin"); // not a member: an admin manages every project, a lead only their own
    const as = (a: { id: number; email: string }) => ({ actorId: a.id, actorLabel: a.email });
    const ids = {} as Record<string, number>;
    for (const [name, a] of Object.entries({ leaving, deactivated, demoted, staying, formerAdmin })) ids[name] = (await register(project.id, `${receiver.url}?${name}`, as(a))).id;

    // the lead list is replaced in one go: the one who stays keeps their endpoint
    await setProjectMembers({ projectId: project.id, role: "lead", accountIds: [deactivated.id, demoted.id, staying.id] }, as(admin));
    await setActive(deactivated.id, false, as(admin));
    await changeRole(demoted.id, "annotator", as(admin));
    await changeRole(formerAdmin.id, "lead", as(admin));

    const active = (await listWebhookEndpoints(project.id)).map((e) => e.id);
    expect(active).toEqual([ids.staying]);
    expect((await auditEvent({ projectId: project.id, action: "webhook.stopped", entityId: String(ids.leaving) })).after).toEqual({ reason: "its creator left the project" });
    expect((await auditEvent({ projectId: project.id, action: "webhook.stopped", entityId: String(ids.deactivated) })).after).toEqual({ reason: "its creator was deactivated" });
    expect((await auditEvent({ projectId: project.id, action: "webhook.stopped", entityId: String(ids.demoted) })).after).toEqual({ reason: "its creator is no longer a lead" });

    // the webhooks page lists what the workbench stopped, and why
    expect((await listStoppedWebhookEndpoints(project.id)).map((e) => [e.id, e.reason]).sort()).toEqual(
      [
        [ids.leaving, "its creator left the project"],
        [ids.deactivated, "its creator was deactivated"],
        [ids.demoted, "its creator is no longer a lead"],
        [ids.formerAdmin, "its creator is no longer an admin, nor a lead of the project"],
      ].sort(),
    );

    // events reach only the endpoint whose creator still manages the project
    await saveRuleSet(project.id, { rules: defaultRuleSet(), note: "after" }, TEST_ACTOR);
    const deliveries = await listWebhookDeliveries(project.id);
    expect(deliveries.map((d) => d.endpointId)).toEqual([ids.staying]);
  });
});
