import { describeChecks } from "@/lib/domain/risky-checks";
import type { ArtifactRecord } from "@/lib/views/items";
import { DiffList } from "../review/diff-list";
import { timeText } from "@/lib/domain/time-text";

const TONE: Record<string, string> = { accept: "border-emerald-300", edit: "border-amber-300", reject: "border-rose-300", retract: "border-slate-300" };

/** Every verdict event in order, the superseded and retracted ones greyed, then the lead's decision. */
export function VerdictHistory({ record }: { record: ArtifactRecord }) {
  if (record.history.length === 0 && record.adjudications.length === 0) {
    return <p className="text-sm text-slate-500">No verdicts yet.</p>;
  }
  return (
    <ol className="space-y-2" aria-label="Verdict history">
      {record.history.map((v) => (
        <li key={v.verdictId} data-testid="history-entry" className={`rounded border-l-4 bg-white p-3 text-sm shadow-sm ${TONE[v.decision] ?? ""} ${v.live ? "" : "opacity-60"}`}>
          <p className="font-medium">
            {v.decision === "retract" ? "undone" : v.decision}
            <span className="text-xs font-normal text-slate-500">
              {" "}
              by {v.annotator} · {timeText(v.createdAt)}
              {v.source === "import" ? ` · imported${v.batchId !== null ? ` (batch ${v.batchId}, line ${v.line})` : ""}` : ""}
              {v.durationMs !== null ? ` · ${Math.round(v.durationMs / 1000)} s` : ""}
              {!v.live && v.decision !== "retract" ? " · superseded" : ""}
            </span>
          </p>
          {v.reasons.length > 0 && <p className="mt-1 text-xs text-slate-600">reasons: {v.reasons.join(", ")}</p>}
          {v.overrode.length > 0 && (
            <p className="mt-1 text-xs font-medium text-rose-700" data-testid="override">
              accepted over the failed check for {describeChecks(v.overrode)}
            </p>
          )}
          {v.comment && <p className="mt-1 text-xs italic text-slate-700">“{v.comment}”</p>}
          {v.diff && <DiffList changes={v.diff} />}
        </li>
      ))}
      {record.adjudications.map((j) => (
        <li key={j.createdAt} className="rounded border-l-4 border-indigo-400 bg-indigo-50 p-3 text-sm" data-testid="adjudication-entry">
          <p className="font-medium">
            adjudicated: {j.decision}{" "}
            <span className="text-xs font-normal text-slate-500">
              by {j.lead} · {timeText(j.createdAt)}
            </span>
          </p>
          {j.reasons.length > 0 && <p className="mt-1 text-xs text-slate-600">reasons: {j.reasons.join(", ")}</p>}
          {j.note && <p className="mt-1 text-xs text-slate-700">note: {j.note}</p>}
        </li>
      ))}
    </ol>
  );
}
