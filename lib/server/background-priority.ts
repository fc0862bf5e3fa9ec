import os from "node:os";
import { runBackendsAtNice } from "../db/backend-priority";
import { env } from "../env";

/**
 * Lowers this process's CPU priority to JOB_NICE: background work (the job worker, `cli import`)
 * yields the cores to the app servers that answer people on the same machine. The PostgreSQL
 * backends of its connections follow, on a server on this machine (lib/db/backend-priority.ts).
 * Returns why it could not, or null.
 */
export function lowerToBackgroundPriority(): string | null {
  runBackendsAtNice(env.JOB_NICE);
  try {
    if (os.getPriority() < env.JOB_NICE) os.setPriority(env.JOB_NICE);
    return null;
  } catch (e) {
    return `could not lower the CPU priority to nice ${env.JOB_NICE}: ${(e as Error).message}`;
  }
}
