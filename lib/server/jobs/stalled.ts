import "server-only";

/** How long a running job may go without a sign of life before the pages call it stalled. */
export const STALL_MS = 2 * 60_000;

/** Whether a running job's last sign of life is older than STALL_MS. */
export function isStalled(status: string, updatedAt: string | null, now = Date.now()): boolean {
  return status === "running" && (updatedAt === null || now - Date.parse(updatedAt) > STALL_MS);
}
