import type { AlignedSentence } from "./evidence";
import { fieldLabel } from "./field-label";
import type { Highlight, HighlightKind } from "./highlights";
import type { ReasonCode } from "./kinds";

export type CheckKind = HighlightKind | "unsupported" | "elsewhere";

export interface CheckLine {
  check: CheckKind;
  /** what failed, once, with where */
  text: string;
  /** whether it is a failure; support found only in uncited posts is a note, not a failure */
  failed: boolean;
  /** the reason code a reviewer would give for it */
  reason: ReasonCode | null;
  /** the uncited posts that hold support, for "elsewhere" */
  postIds: string[];
}

const REASON: Record<CheckKind, ReasonCode | null> = {
  pii: "pii",
  leaked_name: "pii",
  answer_leak: "leakage",
  length: "wrong_format",
  unsupported: "hallucination",
  elsewhere: null,
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const where = (fields: Iterable<string>) => {
  const labels = [...new Set(fields)].map((f) => (f ? fieldLabel(f) : "the artifact"));
  return labels.length ? ` in ${labels.join(", ")}` : "";
};

/** Distinct values in first-seen order, each with how often it came. */
function tally(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => (n > 1 ? `${v} (${n}×)` : v)).join("; ");
}

/**
 * The artifact's deterministic checks as people read them: one line per check, however many times
 * or fields it fired in, with the reason code it suggests. The review screen, adjudication and the
 * artifact view list these, and the rule outcome says "pass" only when none failed.
 */
export function summarizeChecks(highlights: readonly Highlight[], evidence: readonly AlignedSentence[]): CheckLine[] {
  const lines: CheckLine[] = [];
  const add = (check: CheckKind, text: string, postIds: string[] = []) => lines.push({ check, text, failed: check !== "elsewhere", reason: REASON[check], postIds });

  const none = evidence.filter((e) => e.unsupported && !e.elsewhere);
  if (none.length) add("unsupported", `${plural(none.length, "sentence")} with no support in any of the user's posts (wavy underline)${where(none.map((e) => e.field))}`);
  const elsewhere = evidence.filter((e) => e.unsupported && e.elsewhere);
  if (elsewhere.length) {
    add("elsewhere", `${plural(elsewhere.length, "sentence")} supported only by posts the artifact does not cite (dotted underline)${where(elsewhere.map((e) => e.field))}`, [
      ...new Set(elsewhere.map((e) => e.elsewhere!.postId)),
    ]);
  }
  const of = (kind: HighlightKind) => highlights.filter((h) => h.kind === kind);
  const pii = of("pii");
  if (pii.length) add("pii", `Personal data: ${tally(pii.map((h) => h.message))}${where(pii.map((h) => h.field))}`);
  const names = of("leaked_name");
  if (names.length) {
    const found = names.map((h) => /^"(.*)" is a name/.exec(h.message)?.[1] ?? h.message);
    add("leaked_name", `Real names from the posts: ${tally(found.map((n) => `"${n}"`))}${where(names.map((h) => h.field))}; use PersonX placeholders`);
  }
  for (const kind of ["length", "answer_leak"] as const) {
    const hs = of(kind);
    if (hs.length) add(kind, [...new Set(hs.map((h) => (h.field ? `${fieldLabel(h.field)}: ${h.message}` : h.message)))].join("; "));
  }
  return lines;
}
