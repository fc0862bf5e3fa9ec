import type { CheckLine } from "@/lib/domain/check-summary";
import type { RuleOutcome as Outcome } from "@/lib/domain/qc/rule-set";
import { words } from "@/lib/domain/labels";

const TONE: Record<CheckLine["check"], string> = {
  unsupported: "text-rose-700",
  elsewhere: "text-sky-800",
  pii: "text-rose-700",
  leaked_name: "text-orange-700",
  length: "text-amber-700",
  answer_leak: "text-amber-700",
};

/** The keys that fix a failed check on the review screen. */
const FIX_KEYS: Partial<Record<CheckLine["check"], string>> = { leaked_name: "x", pii: "d" };

/** The artifact's checks, one line each; support found in an uncited post links to it. */
export function CheckList({ lines, onShowPost, fixKeys = false }: { lines: CheckLine[]; onShowPost?: (postId: string) => void; fixKeys?: boolean }) {
  if (lines.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1 text-xs" data-testid="checks">
      {lines.map((l) => (
        <li key={l.check} className={TONE[l.check]} data-check={l.check}>
          {l.text}
          {l.reason && <span className="ml-1 text-slate-500">(reason: {words(l.reason)})</span>}
          {fixKeys && FIX_KEYS[l.check] && (
            <span className="ml-1 text-slate-600">
              press <kbd className="rounded border border-slate-300 px-1">{FIX_KEYS[l.check]}</kbd> to fix
            </span>
          )}
          {onShowPost &&
            l.postIds.map((id) => (
              <button key={id} type="button" onClick={() => onShowPost(id)} className="ml-1 underline" data-testid="show-post">
                show post {id}
              </button>
            ))}
        </li>
      ))}
    </ul>
  );
}

/** The current rule set's outcome; "pass" only when no check failed, since the rules read only the import's flags and scores. */
export function RuleOutcome({ version, outcome, failedChecks }: { version: number; outcome: Outcome; failedChecks: number }) {
  const passOverChecks = outcome === "pass" && failedChecks > 0;
  const tone = outcome === "fail" ? "text-rose-700" : passOverChecks || outcome === "out_of_range" ? "text-amber-700" : outcome === "pass" ? "text-emerald-700" : "";
  return (
    <span data-testid="rule-outcome" className={tone}>
      rule set v{version}:{" "}
      {passOverChecks
        ? `scores pass, but ${failedChecks} check${failedChecks === 1 ? "" : "s"} failed`
        : outcome === "out_of_range"
          ? "a score is off the 1-10 scale, so no rule decides: people do"
          : words(outcome)}
    </span>
  );
}
