/** Each decision's colour, the same wherever verdicts are listed. */
export const DECISION_STYLE: Record<string, string> = {
  accept: "bg-emerald-100 text-emerald-900",
  edit: "bg-amber-100 text-amber-900",
  reject: "bg-rose-100 text-rose-900",
};

/** The legend of the decision colours, and of the mark for a verdict the final decision went against. */
export function DecisionLegend() {
  return (
    <p className="flex flex-wrap items-center gap-2 text-xs text-slate-600" data-testid="decision-legend">
      {Object.entries(DECISION_STYLE).map(([d, style]) => (
        <span key={d} className={`rounded px-1.5 py-0.5 ${style}`}>
          {d}
        </span>
      ))}
      <span className="rounded px-1.5 py-0.5 line-through decoration-2">struck: against the final decision</span>
    </p>
  );
}
