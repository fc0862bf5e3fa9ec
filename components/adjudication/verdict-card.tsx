import type { DisputedVerdict } from "@/lib/views/adjudication";
import { DiffList } from "../review/diff-list";
import { timeText } from "@/lib/domain/time-text";

const TONE: Record<string, string> = { accept: "border-emerald-300", edit: "border-amber-300", reject: "border-rose-300" };

/** One annotator's verdict: decision, reasons, comment and, for edits, what they changed. */
export function VerdictCard({ v }: { v: DisputedVerdict }) {
  return (
    <div className={`rounded border-l-4 bg-white p-3 text-sm shadow-sm ${TONE[v.decision] ?? "border-slate-300"}`} data-testid="verdict-card">
      <p className="font-medium">
        {v.decision}{" "}
        <span className="text-xs font-normal text-slate-500">
          by {v.annotator} · {timeText(v.createdAt)}
        </span>
      </p>
      {v.reasons.length > 0 && <p className="mt-1 text-xs text-slate-600">reasons: {v.reasons.join(", ")}</p>}
      {v.comment && <p className="mt-1 text-xs italic text-slate-700">“{v.comment}”</p>}
      {v.diff && <DiffList changes={v.diff} />}
    </div>
  );
}
