// npm start: create and migrate the database, seed the demo on an empty one, build if the sources
// changed since the last build, then serve on PORT (default 3000).
import { spawn } from "node:child_process";
import { resolveSessionSecret } from "../lib/auth/session-secret";
import { dataDir, databaseFile, env } from "../lib/env";
import { DEMO_ACCOUNTS, seedDemo } from "../lib/server/demo/seed-demo";
import { ensureDatabase } from "../lib/server/ensure-database";
import { NEXT_BIN, buildIfNeeded } from "./build-if-needed";

let secret;
try {
  secret = resolveSessionSecret({ configured: env.NEXTAUTH_SECRET, dataDir: dataDir(), production: env.NODE_ENV === "production" });
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
if (secret.source === "generated") console.log(`Session secret: generated a random one into ${secret.file} (mode 600); sessions survive restarts. Keep the file private, or set NEXTAUTH_SECRET.`);
else if (secret.source === "file") console.log(`Session secret: ${secret.file} (mode 600).`);
else console.log(`Session secret: NEXTAUTH_SECRET.${secret.warning ? ` Warning: ${secret.warning}` : ""}`);

const applied = await ensureDatabase(env.DATABASE_URL);
console.log(`Database: ${databaseFile()}${applied.length ? ` (applied ${applied.join(", ")})` : ""}`);
if (await seedDemo({ users: env.DEMO_USERS, seed: env.DEMO_SEED, dataDir: dataDir() })) {
  console.log("Empty database: created the demo accounts and imported the demo project.");
}

buildIfNeeded();

console.log(`\nHumanLLM Review Workbench on http://localhost:${env.PORT}\nDemo accounts (passwords are public: for the demo only):`);
for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(10)} ${a.email.padEnd(22)} ${a.password}`);
const serverEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}` };
const server = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(env.PORT)], { stdio: "inherit", env: serverEnv });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
