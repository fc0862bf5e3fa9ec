import "server-only";
import { spawn } from "node:child_process";

/** How long a running job may go without a sign of life before the pages call it stalled. */
export const STALL_MS = 2 * 60_000;

/**
 * Starts `cli <command> <id>` in a process of its own, detached so that it outlives the request:
 * long jobs (exports, triage of a million artifacts) take tens of seconds of CPU and SQLite writes
 * that the web server must not spend. The job records its progress in its own table row.
 */
export function launchRunner(command: "run-export" | "run-triage" | "run-agreement", id: number): void {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "lib/cli/main.ts", command, String(id)], {
    cwd: process.cwd(),
    env: process.env,
    detached: true,
    stdio: "ignore",
  });
  child.unref();
}

/** Whether a running job's last sign of life is older than STALL_MS. */
export function isStalled(status: string, updatedAt: string | null, now = Date.now()): boolean {
  return status === "running" && (updatedAt === null || now - Date.parse(updatedAt) > STALL_MS);
}
