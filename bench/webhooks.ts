// npm run bench -- webhooks [--artifacts N]
//   What webhooks cost the paths that cause them. Loads N artifacts (default 200,000) through the
//   importer, then finalizes all of them in one set-based UPDATE (as triage does) three times: with
//   the finalized-note trigger disabled (the bare reference), with it on and no endpoint in the
//   project (its usual state), and with an endpoint for artifact.finalized (every artifact noted).
//   Then it turns the notes into messages (flushFinalized, as a worker does every 2 s) and times
//   emitEvent for a project without endpoints, the cost every audited action now pays.
import { loadBenchProject, machine } from "./load-project";

export async function benchWebhooks(artifacts: number) {
  const p = await loadBenchProject({ name: "webhooks", artifacts, seed: "bench-webhooks" });
  const { openDb } = await import("../lib/db/client");
  const { sql } = await import("../lib/db/sql");
  const { count } = await import("./counts");
  const { createWebhookEndpoint } = await import("../lib/server/webhooks/webhook-endpoints");
  const { flushFinalized } = await import("../lib/server/webhooks/finalized-batches");
  const { emitEvent } = await import("../lib/server/webhooks/emit-event");
  const db = openDb(p.databaseUrl);
  // deliveries are jobs: the queue's schema as npm start makes it
  await (await import("../lib/server/jobs/queue")).ensureQueues(p.databaseUrl);
  const reset = () => db.exec(sql`UPDATE "ArtifactState" SET "status" = 'pending' WHERE "projectId" = ${p.projectId}`);
  const finalize = async () => {
    await reset();
    await db.exec(sql`VACUUM "ArtifactState"`);
    const started = performance.now();
    await db.exec(sql`UPDATE "ArtifactState" SET "status" = 'accepted' WHERE "projectId" = ${p.projectId}`);
    return (performance.now() - started) / 1000;
  };
  const runs = async () => {
    const s: number[] = [];
    for (let i = 0; i < 3; i++) s.push(await finalize());
    return s.sort((a, b) => a - b)[1];
  };

  await db.exec(sql`ALTER TABLE "ArtifactState" DISABLE TRIGGER "ArtifactState_note_finalized", DISABLE TRIGGER "ArtifactState_finalized_listened"`);
  const bare = await runs();
  await db.exec(sql`ALTER TABLE "ArtifactState" ENABLE TRIGGER "ArtifactState_note_finalized", ENABLE TRIGGER "ArtifactState_finalized_listened"`);
  const noEndpoint = await runs();
  const notedWithout = await count(db, sql`SELECT COUNT(*) FROM "WebhookOutbox"`);
  await createWebhookEndpoint(p.projectId, { url: "https://93.184.215.14/hooks", events: ["artifact.finalized"], description: "bench" }, { actorLabel: "bench" });
  await db.exec(sql`TRUNCATE "WebhookOutbox"`);
  const withEndpoint = await finalize();
  const noted = await count(db, sql`SELECT COUNT(*) FROM "WebhookOutbox"`);

  const flushStarted = performance.now();
  let told = 0;
  for (let n = -1; n !== 0;) told += n = await flushFinalized(db);
  const flushSeconds = (performance.now() - flushStarted) / 1000;
  const messages = await count(db, sql`SELECT COUNT(*) FROM "WebhookDelivery" WHERE "eventType" = 'artifact.finalized'`);

  const { id: quiet } = await db.one(
    (await import("../lib/db/columns")).row({ id: (await import("../lib/db/columns")).col.int }),
    sql`INSERT INTO "Project" ("name", "updatedAt") VALUES ('quiet', now()) RETURNING "id"`,
  );
  const calls = 2000;
  const emitStarted = performance.now();
  for (let i = 0; i < calls; i++) await db.tx((t) => emitEvent(t, quiet, "rules.published", { version: i }));
  const emitMs = (performance.now() - emitStarted) / calls;
  const txStarted = performance.now();
  for (let i = 0; i < calls; i++) await db.tx(async () => undefined);
  const bareTxMs = (performance.now() - txStarted) / calls;

  await db.close();
  console.log(
    JSON.stringify(
      {
        machine: machine(),
        artifacts: p.artifacts,
        finalizeAll: {
          bareSeconds: +bare.toFixed(2),
          triggerNoEndpointSeconds: +noEndpoint.toFixed(2),
          triggerWithEndpointSeconds: +withEndpoint.toFixed(2),
          notedWithoutEndpoint: notedWithout,
          noted,
        },
        flushFinalized: { artifacts: told, messages, seconds: +flushSeconds.toFixed(2), artifactsPerSecond: Math.round(told / flushSeconds) },
        emitEventWithoutEndpoints: { ms: +emitMs.toFixed(3), bareTransactionMs: +bareTxMs.toFixed(3) },
      },
      null,
      2,
    ),
  );
  await p.done();
}
