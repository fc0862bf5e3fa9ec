import "server-only";

/** How long a running job may go without a sign of life before the pages call it stalled. */
export const STALL_MS = 2 * 60_000;

/**
 * Whether a job is still in the queue: requested (its row written with updatedAt = createdAt) and
 * not yet taken by a worker, which touches updatedAt when it starts.
 */
export function isWaiting(status: string, createdAt: string, updatedAt: string | null): boolean {
  return status === "running" && updatedAt === createdAt;
}

/** Whether a job a worker took has given no sign of life for STALL_MS (a job waiting in the queue is not stalled). */
export function isStalled(status: string, createdAt: string, updatedAt: string | null, now = Date.now()): boolean {
  return status === "running" && !isWaiting(status, createdAt, updatedAt) && (updatedAt === null || now - Date.parse(updatedAt) > STALL_MS);
}
