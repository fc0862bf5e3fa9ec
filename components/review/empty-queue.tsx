import type { AnnotatorTotals } from "@/lib/views/review";

export function EmptyQueue({ totals, canUndo, onUndo }: { totals: AnnotatorTotals; canUndo: boolean; onUndo: () => void }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center" data-testid="empty-queue">
      <h2 className="text-lg font-semibold">Nothing left to review for you here</h2>
      <p className="mt-1 text-sm text-slate-600">Every artifact has its verdicts or is held by someone else. Come back later: expired leases return artifacts to the queue.</p>
      <dl className="mx-auto mt-4 grid max-w-md grid-cols-5 gap-2 text-sm">
        {(Object.entries(totals) as [keyof AnnotatorTotals, number][]).map(([k, v]) => (
          <div key={k} className="rounded bg-slate-50 p-2">
            <dt className="text-xs text-slate-500">{k}</dt>
            <dd className="text-lg font-semibold tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
      {canUndo && (
        <button type="button" onClick={onUndo} className="mt-4 rounded border border-slate-300 px-3 py-1 text-sm">
          Undo my last verdict (u)
        </button>
      )}
    </div>
  );
}
