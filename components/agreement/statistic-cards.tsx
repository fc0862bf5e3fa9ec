import type { AgreementReport, Estimate } from "@/lib/domain/agreement/report";
import { agreementColor, fixed } from "./format";

const NAMES = [
  ["krippendorffAlpha", "Krippendorff's α", "nominal, missing verdicts allowed: the headline figure"],
  ["fleissKappa", "Fleiss' κ", "needs the same number of verdicts on every item"],
  ["percentAgreement", "Percent agreement", "share of agreeing verdict pairs, not corrected for chance"],
  ["cohenKappa", "Cohen's κ", "two annotators only; see the pairs below"],
] as const;

/** The four statistics of the whole project, each with its interval, or why it is not defined. */
export function StatisticCards({ report }: { report: AgreementReport }) {
  return (
    <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="agreement-overall">
      {NAMES.map(([key, name, hint]) => {
        const e = report[key] as Estimate | null;
        const percent = key === "percentAgreement";
        return (
          <div key={key} className={`rounded-lg p-3 ${percent ? "bg-slate-100" : agreementColor(e?.value ?? null)}`}>
            <dt className="text-sm font-medium">{name}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{e ? fixed(e.value) : "not defined"}</dd>
            <dd className="text-xs">{e ? `95% ${fixed(e.low)} to ${fixed(e.high)} · ${e.items.toLocaleString("en")} items` : report.notDefined[key]}</dd>
            <dd className="mt-1 text-xs opacity-75">{hint}</dd>
          </div>
        );
      })}
    </dl>
  );
}
