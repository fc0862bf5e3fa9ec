import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = process.cwd();
export const NEXT_BIN = path.join(root, "node_modules", "next", "dist", "bin", "next");

function newestSource(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** True when there is no production build or a source it depends on changed after it. */
export function needsBuild(): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const dirs = ["app", "components", "lib"].map((d) => newestSource(path.join(root, d)));
  const files = ["next.config.ts", "proxy.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"].filter((f) => fs.existsSync(f)).map((f) => fs.statSync(f).mtimeMs);
  return Math.max(...dirs, ...files) > built;
}

/** Runs `next build` when needed; exits the process if the build fails. */
export function buildIfNeeded(): void {
  if (!needsBuild()) return;
  console.log("Building the workbench (first start or sources changed)...");
  const build = spawnSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
