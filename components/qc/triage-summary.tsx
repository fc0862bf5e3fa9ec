import Link from "next/link";
import type { ActionState } from "@/lib/auth/guard";
import type { TriageOutcome } from "@/lib/views/qc";
import type { TriagePreview } from "@/lib/views/qc";
import { ApplyTriageForm } from "./apply-triage-form";
import { ProgressBar } from "../ui/progress-bar";
import { EstimateText } from "./estimate";

/** What triage with the current rules would do, and how it would have done on what people reviewed. */
export function TriageSummary({
  projectId,
  t,
  outcome,
  apply,
  running = false,
}: {
  projectId: number;
  t: TriagePreview;
  outcome: TriageOutcome;
  apply?: (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;
  /** a triage run is under way */
  running?: boolean;
}) {
  if (!t.calibrated) {
    return (
      <p className="text-sm text-slate-600" data-testid="triage-summary">
        Rule set v{t.ruleSetVersion} has no reject thresholds, so triage would send every artifact to people.{" "}
        <Link href={`/projects/${projectId}/calibration`} className="text-indigo-700 underline">
          Calibrate the judge
        </Link>{" "}
        to let it decide the sure ones.
      </p>
    );
  }
  const r = t.reviewed;
  const decided = r.autoAccepted + r.autoRejected;
  return (
    <div className="space-y-3 text-sm" data-testid="triage-summary">
      <ProgressBar
        label={`Open artifacts by triage route, rule set v${t.ruleSetVersion}`}
        segments={[
          { label: "auto-accept", value: t.open.auto_accept, color: "bg-emerald-400" },
          { label: "auto-reject", value: t.open.auto_reject, color: "bg-rose-400" },
          { label: "people", value: t.open.human, color: "bg-sky-400" },
        ]}
      />
      <p>
        On the {r.total.toLocaleString("en")} artifacts people decided, rule set v{t.ruleSetVersion} would have decided {decided.toLocaleString("en")} alone ({r.autoAccepted.toLocaleString("en")}{" "}
        accepted, {r.autoRejected.toLocaleString("en")} rejected) and been wrong on {r.wrong.toLocaleString("en")}: an error rate of <EstimateText e={r.errorRate} digits={3} />, saving{" "}
        {r.verdictsSaved.toLocaleString("en")} verdicts.
      </p>
      <p data-testid="triage-outcome">
        Applied so far: {outcome.finalizedByRules.accepted.toLocaleString("en")} accepted and {outcome.finalizedByRules.rejected.toLocaleString("en")} rejected by the rules; audits{" "}
        {outcome.audits.open.toLocaleString("en")} open, {outcome.audits.checked.toLocaleString("en")} checked by people, {outcome.audits.overturned.toLocaleString("en")} overturned.
      </p>
      {apply && <ApplyTriageForm projectId={projectId} version={t.ruleSetVersion} open={t.open} action={apply} running={running} />}
    </div>
  );
}
