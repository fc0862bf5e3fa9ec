"use client";

import { REASON_CODES, type ReasonCode } from "@/lib/domain/kinds";
import { KEY_OF_REASON } from "./reasons";
import { words } from "@/lib/domain/labels";

export type Mode = "accept" | "edit" | "reject" | null;

const MODE_STYLE: Record<Exclude<Mode, null>, string> = {
  accept: "bg-emerald-600 text-white",
  edit: "bg-amber-500 text-white",
  reject: "bg-rose-600 text-white",
};

/** Accept / edit / reject, reason codes, a comment, submit, skip and undo; every control has its key. */
export function VerdictBar({
  mode,
  reasons,
  comment,
  busy,
  canUndo,
  onMode,
  onToggleReason,
  onComment,
  onSubmit,
  onSkip,
  onUndo,
}: {
  mode: Mode;
  reasons: ReasonCode[];
  comment: string;
  busy: boolean;
  canUndo: boolean;
  onMode: (m: Mode) => void;
  onToggleReason: (r: ReasonCode) => void;
  onComment: (c: string) => void;
  onSubmit: () => void;
  onSkip: () => void;
  onUndo: () => void;
}) {
  const needsReason = mode === "edit" || mode === "reject";
  return (
    <div className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="verdict-bar">
      <div className="flex flex-wrap items-center gap-2">
        {(["accept", "edit", "reject"] as const).map((m) => (
          <button
            key={m}
            type="button"
            onClick={() => onMode(mode === m ? null : m)}
            aria-pressed={mode === m}
            className={`rounded px-3 py-1.5 font-medium ${mode === m ? MODE_STYLE[m] : "border border-slate-300 hover:bg-slate-50"}`}
          >
            <kbd className="mr-1 text-xs opacity-70">{m[0]}</kbd>
            {m}
          </button>
        ))}
        <span className="mx-1 h-6 w-px bg-slate-200" />
        <button type="button" onClick={onSkip} disabled={busy} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
          <kbd className="mr-1 text-xs opacity-70">s</kbd>skip
        </button>
        <button type="button" onClick={onUndo} disabled={busy || !canUndo} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-50 disabled:opacity-40">
          <kbd className="mr-1 text-xs opacity-70">u</kbd>undo last
        </button>
        <button
          type="button"
          onClick={onSubmit}
          disabled={busy || !mode || (needsReason && reasons.length === 0)}
          className="ml-auto rounded bg-indigo-600 px-4 py-1.5 font-medium text-white hover:bg-indigo-700 disabled:opacity-40"
        >
          {busy ? "Saving…" : "Submit ⏎"}
        </button>
      </div>
      {/* always laid out, so choosing a decision does not move the panes above */}
      <div className="mt-3">
        <p className="text-xs text-slate-500">Reasons {!mode ? "(choose a decision first)" : needsReason ? "(at least one)" : "(optional)"}</p>
        <div className="mt-1 flex flex-wrap gap-1.5" role="group" aria-label="Reasons">
          {REASON_CODES.map((r) => (
            <button
              key={r}
              type="button"
              onClick={() => onToggleReason(r)}
              disabled={!mode}
              aria-pressed={reasons.includes(r)}
              className={`rounded-full border px-2 py-0.5 text-xs ${reasons.includes(r) ? "border-indigo-600 bg-indigo-50 text-indigo-800" : "border-slate-300 text-slate-700"} disabled:opacity-40`}
            >
              <kbd className="mr-1 opacity-60">{KEY_OF_REASON[r]}</kbd>
              {words(r)}
            </button>
          ))}
        </div>
        <label className="mt-2 block text-xs text-slate-500">
          Comment (optional, <kbd>c</kbd>)
          <input
            id="verdict-comment"
            value={comment}
            onChange={(e) => onComment(e.target.value)}
            maxLength={2000}
            className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm text-slate-900"
          />
        </label>
      </div>
    </div>
  );
}
