import os from "node:os";
import { env } from "../env";

/**
 * Lowers this process's CPU priority to JOB_NICE: background work (the job worker, `cli import`)
 * yields the cores to the app servers that answer people on the same machine. Returns why it could
 * not, or null.
 */
export function lowerToBackgroundPriority(): string | null {
  try {
    if (os.getPriority() < env.JOB_NICE) os.setPriority(env.JOB_NICE);
    return null;
  } catch (e) {
    return `could not lower the CPU priority to nice ${env.JOB_NICE}: ${(e as Error).message}`;
  }
}
