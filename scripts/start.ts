// npm start: create and migrate the database, seed the demo on an empty one, build if the sources
// changed since the last build, then serve on PORT (default 3000).
import { spawnSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { databaseFile, env } from "../lib/env";
import { ensureDatabase } from "../lib/server/ensure-database";
import { DEMO_ACCOUNTS, seedDemo } from "../lib/server/demo/seed-demo";

const root = process.cwd();
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const inputs = ["app", "components", "lib"].map((d) => newestSource(path.join(root, d)));
  const files = ["next.config.js", "package-lock.json", "postcss.config.mjs", "tsconfig.json"].filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs);
  return Math.max(...inputs, ...files) > built;
}

const applied = ensureDatabase();
console.log(`Database: ${databaseFile()}${applied.length ? ` (applied ${applied.join(", ")})` : ""}`);
if (await seedDemo({ users: env.DEMO_USERS, seed: env.DEMO_SEED, dataDir: path.dirname(databaseFile()) })) {
  console.log("Empty database: created the demo accounts and imported the demo project.");
}

if (needsBuild()) {
  console.log("Building the workbench (first start or sources changed)...");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

console.log(`\nHumanLLM Review Workbench on http://localhost:${env.PORT}\nDemo accounts (passwords are public: for the demo only):`);
for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(10)} ${a.email.padEnd(22)} ${a.password}`);
const server = spawn(process.execPath, [nextBin, "start", "-p", String(env.PORT)], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
