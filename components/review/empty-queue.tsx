import type { AnnotatorTotals } from "@/lib/views/review";

const SHOWN: [keyof AnnotatorTotals, string][] = [
  ["today", "today"],
  ["total", "in total"],
  ["accepted", "accepted"],
  ["edited", "edited"],
  ["rejected", "rejected"],
];

export function EmptyQueue({ totals, canUndo, onUndo }: { totals: AnnotatorTotals; canUndo: boolean; onUndo: () => void }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="empty-queue">
      <h2 className="text-lg font-semibold">Nothing left to review for you here</h2>
      <p className="mt-1 text-sm text-slate-600">Every artifact has its verdicts or is held by someone else. Come back later: expired leases return artifacts to the queue.</p>
      <dl className="mx-auto mt-4 grid max-w-md grid-cols-5 gap-2 text-sm">
        {SHOWN.map(([k, label]) => (
          <div key={k} className="rounded bg-slate-50 p-2">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{totals[k] ?? "–"}</dd>
          </div>
        ))}
      </dl>
      {canUndo && (
        <button type="button" onClick={onUndo} className="mt-4 rounded border border-slate-300 px-3 py-1 text-sm">
          <kbd className="mr-1 text-xs opacity-70">u</kbd>Undo my last verdict
        </button>
      )}
    </div>
  );
}
