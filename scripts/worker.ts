// npm run worker: runs queued jobs (imports, exports, triage, agreement snapshots, calibrations) on the database
// `npm start` uses (see scripts/database-env.ts), or the one DATABASE_URL names. Start as many as
// you like, on any machine that reaches the database; `npm start` runs one beside the server.
import { useDatabaseOrExit } from "./database-env";
import { installLastResort } from "./last-resort";

installLastResort("[worker]");

const database = await useDatabaseOrExit();
const { databaseUrl, env } = await import("../lib/env");
const { ensureDatabase } = await import("../lib/server/ensure-database");
const { startWorker } = await import("../lib/server/jobs/run-worker");
const { lowerToBackgroundPriority } = await import("../lib/server/background-priority");

// jobs are background work: on a machine shared with app servers, the servers get the cores first
const priority = lowerToBackgroundPriority();
if (priority) console.log(`[worker] ${priority}`);
await ensureDatabase(databaseUrl());
// webhook signing secrets are sealed under a key derived from it (lib/server/webhooks/secret-box.ts)
const { useSessionSecret } = await import("../lib/server/auth/use-session-secret");
await useSessionSecret(databaseUrl());
const { sealClearSecrets } = await import("../lib/server/webhooks/webhook-endpoints");
const sealed = await sealClearSecrets();
if (sealed) console.log(`[worker] sealed the signing secrets of ${sealed} webhook endpoint(s) registered before secrets were kept sealed`);
const worker = await startWorker({ url: databaseUrl(), stallMs: env.JOB_STALL_SECONDS * 1000, log: (line) => console.log(`[worker] ${line}`) });
console.log(`[worker] ${worker.id} takes jobs from ${database.description}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void worker
      .stop()
      .then(() => database.stop?.())
      .finally(() => process.exit(0));
  });
}
