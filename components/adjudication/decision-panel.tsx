"use client";

import { REASON_CODES, type ReasonCode } from "@/lib/domain/kinds";
import type { DisputedVerdict } from "@/lib/views/adjudication";
import { KEY_OF_REASON } from "../review/reasons";
import { words } from "@/lib/domain/labels";

export type Choice = { kind: "accept" } | { kind: "edit"; from: number | null } | { kind: "reject" };

const LABEL = { accept: "accept as it is", edit: "accept with an edit", reject: "reject" } as const;

/** The lead's final decision: what ships (as it is, an annotator's edit, their own) or a reject, reasons, a note, and the button. */
export function DecisionPanel({
  choice,
  edits,
  reasons,
  note,
  error,
  busy,
  onChoose,
  onToggleReason,
  onNote,
  onSubmit,
}: {
  choice: Choice | null;
  edits: DisputedVerdict[];
  reasons: ReasonCode[];
  note: string;
  error: string | null;
  busy: boolean;
  onChoose: (c: Choice) => void;
  onToggleReason: (r: ReasonCode) => void;
  onNote: (n: string) => void;
  onSubmit: () => void;
}) {
  const is = (c: Choice) => choice?.kind === c.kind && (c.kind !== "edit" || (choice.kind === "edit" && choice.from === c.from));
  const option = (c: Choice, key: string, label: string) => (
    <label className={`flex items-center gap-2 rounded px-1 ${is(c) ? "bg-indigo-50" : ""}`}>
      <input type="radio" name="choice" checked={is(c)} onChange={() => onChoose(c)} />
      {key && <kbd className="text-xs text-slate-500">{key}</kbd>} {label}
    </label>
  );
  return (
    <section aria-label="Decision" className="rounded border border-slate-200 bg-white p-3 text-sm shadow-sm">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <h2 className="font-semibold">Final decision</h2>
        <span className="text-xs text-slate-500">
          {choice ? `chosen: ${LABEL[choice.kind]}` : "none chosen yet"} · press <kbd>?</kbd> for keys
        </span>
      </div>
      <div className="mt-2 grid gap-1 sm:grid-cols-2">
        {option({ kind: "accept" }, "a", "Accept as it is")}
        {edits.map((e, i) => (
          <span key={e.verdictId}>{option({ kind: "edit", from: e.verdictId }, i === 0 ? "e" : "", `Accept ${e.annotator}'s edit (and adjust it)`)}</span>
        ))}
        {option({ kind: "edit", from: null }, edits.length ? "" : "e", "Accept with my own edit")}
        {option({ kind: "reject" }, "r", "Reject")}
      </div>
      <div className="mt-2 flex flex-wrap gap-1.5" role="group" aria-label="Reasons">
        {REASON_CODES.map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={reasons.includes(r)}
            onClick={() => onToggleReason(r)}
            className={`rounded-full border px-2 py-0.5 text-xs ${reasons.includes(r) ? "border-indigo-600 bg-indigo-50 text-indigo-800" : "border-slate-300"}`}
          >
            <kbd className="mr-1 opacity-60">{KEY_OF_REASON[r]}</kbd>
            {words(r)}
          </button>
        ))}
      </div>
      <div className="mt-2 flex items-end gap-2">
        <label className="block flex-1 text-xs text-slate-500">
          Note (kept with the decision)
          <textarea value={note} onChange={(e) => onNote(e.target.value)} rows={1} className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm text-slate-900" />
        </label>
        <button type="button" onClick={onSubmit} disabled={busy || !choice} className="rounded bg-indigo-600 px-4 py-1.5 font-medium text-white disabled:opacity-50">
          {busy ? "Saving…" : "Record the decision ⏎"}
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {error}
        </p>
      )}
    </section>
  );
}
