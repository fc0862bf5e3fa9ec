/**
 * Login throttling, as data: failed sign-ins per key (an account, or a client address) first slow
 * the key down (each further failure waits a little longer before the next try is heard), then lock
 * it for a while. A success clears the account's count. Pure: the database keeps the state.
 */

export interface ThrottleRule {
  /** failures before each further one makes the key wait */
  slowAfter: number;
  /** failures that lock the key */
  lockAfter: number;
  lockMinutes: number;
}

export const THROTTLE_RULES = {
  account: { slowAfter: 3, lockAfter: 10, lockMinutes: 15 },
  // one address may hold many people (an office behind one NAT): it gets more room
  address: { slowAfter: 20, lockAfter: 100, lockMinutes: 15 },
} as const satisfies Record<string, ThrottleRule>;

/** Failures older than this (and not locked) are forgotten. */
export const FAILURE_WINDOW_MINUTES = 15;
const MAX_SLOWDOWN_SECONDS = 60;

export interface ThrottleState {
  failures: number;
  firstFailure: Date;
  lastFailure: Date;
  lockedUntil: Date | null;
}

/** The state after one more failure, and whether this failure started the long lock. */
export function afterFailure(state: ThrottleState | null, now: Date, rule: ThrottleRule): { state: ThrottleState; lockStarted: boolean } {
  const stale = !state || (now.getTime() - state.lastFailure.getTime() > FAILURE_WINDOW_MINUTES * 60_000 && !isLocked(state, now));
  const failures = stale ? 1 : state.failures + 1;
  const firstFailure = stale ? now : state.firstFailure;
  let lockedUntil: Date | null = null;
  if (failures >= rule.lockAfter) lockedUntil = new Date(now.getTime() + rule.lockMinutes * 60_000);
  else if (failures >= rule.slowAfter) lockedUntil = new Date(now.getTime() + Math.min(2 ** (failures - rule.slowAfter), MAX_SLOWDOWN_SECONDS) * 1000);
  return { state: { failures, firstFailure, lastFailure: now, lockedUntil }, lockStarted: failures === rule.lockAfter };
}

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return retryAfterSeconds(state, now) > 0;
}

/** Seconds until the key may try again (0: now). */
export function retryAfterSeconds(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000));
}
