import { HIGHLIGHT_FLAGS, type HighlightKind } from "./highlights";

/**
 * The deterministic checks whose failure makes an accept risky: what ships would carry personal
 * data, a real name from the posts, or a scenario that gives its answer away. Accepting over one
 * takes a second key press that names it, and the verdict records the override.
 */
export const RISKY_CHECKS = ["pii", "leaked_name", "answer_leak"] as const satisfies readonly HighlightKind[];
export type RiskyCheck = (typeof RISKY_CHECKS)[number];

export const RISKY_CHECK_LABELS: Record<RiskyCheck, string> = {
  pii: "personal data",
  leaked_name: "a real name from the posts",
  answer_leak: "an answer the scenario gives away",
};

/** The risky checks an artifact's flags say it failed. */
export function riskyChecksOf(flags: number): RiskyCheck[] {
  return RISKY_CHECKS.filter((c) => (flags & HIGHLIGHT_FLAGS[c]) !== 0);
}

export function checkFlags(checks: readonly RiskyCheck[]): number {
  return checks.reduce((bits, c) => bits | HIGHLIGHT_FLAGS[c], 0);
}

/** "personal data and a real name from the posts" */
export function describeChecks(checks: readonly RiskyCheck[]): string {
  const labels = checks.map((c) => RISKY_CHECK_LABELS[c]);
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

/** The checks an accept would override without saying so: those failed and not confirmed. */
export function unconfirmedChecks(flags: number, confirmed: readonly string[]): RiskyCheck[] {
  return riskyChecksOf(flags).filter((c) => !confirmed.includes(c));
}
