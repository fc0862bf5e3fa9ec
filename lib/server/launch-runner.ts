import "server-only";
import { execFile } from "node:child_process";

/** How long a running job may go without a sign of life before the pages call it stalled. */
export const STALL_MS = 2 * 60_000;

/**
 * Runs `cli <command> ...args` in a process of its own and returns what it printed on stdout: work
 * a request waits for but that must not run on the server's event loop (an import of a big upload).
 * A runner that dies without saying anything is an internal error.
 */
export function runRunner(command: "run-import", args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "--conditions=react-server", "lib/cli/main.ts", command, ...args],
      { cwd: process.cwd(), env: process.env, maxBuffer: 256 * 2 ** 20, encoding: "utf8" },
      (error, stdout, stderr) => {
        if (stdout.trim()) resolve(stdout);
        else reject(new Error(`cli ${command} printed nothing (${error?.message ?? "no error"}): ${stderr.slice(-2000)}`));
      },
    );
  });
}

/** Whether a running job's last sign of life is older than STALL_MS. */
export function isStalled(status: string, updatedAt: string | null, now = Date.now()): boolean {
  return status === "running" && (updatedAt === null || now - Date.parse(updatedAt) > STALL_MS);
}
