// npm start: the database (with no DATABASE_URL, an embedded PostgreSQL under DATA_DIR, default
// ./data), its migrations, the demo on an empty one, a build if the sources changed since the last,
// then the server on PORT (default 3000; scripts/serve.ts, which tells the app each connection's
// address) and a worker for the job queue beside it (`npm run worker` starts more). Ctrl-C stops the
// server, the worker and the embedded database.
import { spawn } from "node:child_process";
import { useDatabaseOrExit } from "./database-env";
import { installLastResort } from "./last-resort";

installLastResort("[start]");

const database = await useDatabaseOrExit();
const { describeSessionSecret, useSessionSecret } = await import("../lib/server/auth/use-session-secret");
const { dataDir, databaseUrl, env } = await import("../lib/env");
const { DEMO_ACCOUNTS, seedDemo } = await import("../lib/server/demo/seed-demo");
const { ensureDatabase } = await import("../lib/server/ensure-database");
const { closeDb } = await import("../lib/db/client");
const { buildIfNeeded } = await import("./build-if-needed");
const { parseTrustedProxies } = await import("../lib/domain/client-address");

// the embedded cluster is this process's for its lifetime: killed or crashed, it is started again
// (same port and password), and the server's and the worker's pools reconnect by themselves
const { keepEmbeddedPostgresUp } = await import("../lib/db/embedded-postgres");
const stopKeeping = database.embedded
  ? keepEmbeddedPostgresUp({
      ...database.embedded,
      onRestart: (error) =>
        console.log(error ? `Database: the embedded PostgreSQL stopped and could not be started again: ${error}` : "Database: the embedded PostgreSQL had stopped; started it again."),
    })
  : () => undefined;

async function stopDatabase() {
  stopKeeping();
  await closeDb();
  await database.stop?.();
}

const { invalid: badProxies } = parseTrustedProxies(env.TRUSTED_PROXIES);
if (badProxies.length) {
  console.error(`TRUSTED_PROXIES takes IP addresses and CIDR ranges (10.0.0.0/8, 2001:db8::/32), comma-separated; not: ${badProxies.join(", ")}.`);
  await stopDatabase();
  process.exit(1);
}

const applied = await ensureDatabase(databaseUrl());
console.log(`Database: ${database.description}${applied.length ? ` (applied ${applied.join(", ")})` : ""}`);
try {
  // settled before the server and the worker start: they inherit it as NEXTAUTH_SECRET
  console.log(describeSessionSecret(await useSessionSecret(databaseUrl())));
} catch (e) {
  console.error((e as Error).message);
  await stopDatabase();
  process.exit(1);
}
if (await seedDemo({ users: env.DEMO_USERS, seed: env.DEMO_SEED, dataDir: dataDir() })) {
  console.log("Empty database: created the demo accounts and imported the demo project.");
}
await closeDb(); // the server has pools of its own

buildIfNeeded();

console.log(`\nHumanLLM Review Workbench on http://localhost:${env.PORT}\nDemo accounts (passwords are public: for the demo only):`);
for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(10)} ${a.email.padEnd(22)} ${a.password}`);
const serverEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}` };
// Next's server in a process of its own, as `next start` would be (no react-server condition: Next loads the app's bundles itself)
const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts"], { stdio: "inherit", env: { ...serverEnv, PORT: String(env.PORT) } });
// the worker in a process of its own: jobs are CPU work the server's event loop must not do. A
// worker that dies (a failure it could not survive) is started again; its jobs go back to the queue
const startWorker = () => spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], { stdio: "inherit", env: process.env });
let worker = startWorker();
let stopping = false;
const exited = (child: typeof server) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on("exit", resolve)));
const superviseWorker = (): void => {
  const started = Date.now();
  void exited(worker).then((code) => {
    if (stopping) return;
    // at once after a long run; after a few seconds when it dies as soon as it starts
    const wait = Date.now() - started > 30_000 ? 0 : 5000;
    console.error(`[worker] stopped (exit code ${code ?? "none"}); starting another${wait ? ` in ${wait / 1000} s` : ""}.`);
    setTimeout(() => {
      if (stopping) return;
      worker = startWorker();
      superviseWorker();
    }, wait);
  });
};
superviseWorker();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopping = true;
    stopKeeping(); // a cluster stopped on the way out stays stopped
    server.kill(signal);
    worker.kill(signal);
  });
}
// the server's end is npm start's end
void exited(server).then(async (code) => {
  stopping = true;
  worker.kill("SIGTERM");
  await exited(worker);
  await stopDatabase();
  process.exit(code ?? 0);
});
