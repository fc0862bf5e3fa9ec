"use client";
import { useState, type ReactNode } from "react";

/**
 * A button that, before a consequential action, first says what will happen: the form (with the
 * explanation and hidden inputs given as children) submits only from its own confirm button.
 */
export function ConfirmForm({ trigger, confirm, action, pending = false, children }: { trigger: string; confirm: string; action: (form: FormData) => void; pending?: boolean; children: ReactNode }) {
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className="rounded border border-indigo-400 px-3 py-1 text-indigo-800 hover:bg-indigo-50">
        {trigger}
      </button>
    );
  }
  return (
    <form action={action} onSubmit={() => setConfirming(false)} className="rounded border border-indigo-300 bg-indigo-50 p-2 text-xs text-indigo-900">
      {children}
      <div className="mt-2 flex gap-2">
        <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-3 py-1 font-medium text-white disabled:opacity-50">
          {confirm}
        </button>
        <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-300 bg-white px-3 py-1">
          Cancel
        </button>
      </div>
    </form>
  );
}
