import { describe, expect, it } from "vitest";
import { afterFailure, retryAfterSeconds, THROTTLE_RULES, type ThrottleState } from "./login-throttle";

const rule = THROTTLE_RULES.account;
const at = (s: number) => new Date(Date.UTC(2026, 10, 30, 12, 0, s));

function fail(times: number, start = 0, state: ThrottleState | null = null) {
  let lockStarted = false;
  for (let i = 0; i < times; i++) ({ state, lockStarted } = afterFailure(state, at(start + i * 120), rule));
  return { state: state!, lockStarted };
}

describe("login throttle", () => {
  it("lets the first failures through at once, then slows the key down, then locks it", () => {
    expect(retryAfterSeconds(fail(rule.slowAfter - 1).state, at(0 + (rule.slowAfter - 2) * 120))).toBe(0);
    const slowed = fail(rule.slowAfter + 2);
    const last = at((rule.slowAfter + 1) * 120);
    expect(retryAfterSeconds(slowed.state, last)).toBe(4);
    expect(slowed.lockStarted).toBe(false);
    const locked = fail(rule.lockAfter);
    expect(locked.lockStarted).toBe(true);
    expect(retryAfterSeconds(locked.state, at((rule.lockAfter - 1) * 120))).toBe(rule.lockMinutes * 60);
  });

  it("starts the lock once, and a failure during the lock does not announce it again", () => {
    const locked = fail(rule.lockAfter);
    const again = afterFailure(locked.state, at(rule.lockAfter * 120), rule);
    expect(again.lockStarted).toBe(false);
    expect(again.state.failures).toBe(rule.lockAfter + 1);
  });

  it("forgets failures after a quiet window, but never while locked", () => {
    const some = fail(rule.slowAfter - 1);
    expect(afterFailure(some.state, at(10_000), rule).state.failures).toBe(1);
    const locked = fail(rule.lockAfter);
    const during = at((rule.lockAfter - 1) * 120 + 60);
    expect(afterFailure(locked.state, during, rule).state.failures).toBe(rule.lockAfter + 1);
  });
});
