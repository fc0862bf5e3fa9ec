"use client";

import { useEffect, useRef, useState } from "react";
import type { ActionState } from "@/lib/auth/guard";

/**
 * A server action's message (green when it worked), the submit button, and the form's state beside
 * it: "Unsaved changes" once a field changes, "Saved HH:MM" after a save, the same in every form.
 */
export function FormFooter({ state, pending, label, testId }: { state: ActionState | undefined; pending: boolean; label: string; testId: string }) {
  const here = useRef<HTMLDivElement>(null);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  useEffect(() => {
    const form = here.current?.closest("form");
    if (!form) return;
    const changed = () => setDirty(true);
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    return () => {
      form.removeEventListener("input", changed);
      form.removeEventListener("change", changed);
    };
  }, []);
  // a new answer from the server: a save that worked leaves nothing unsaved
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) {
      setDirty(false);
      setSavedAt(new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
    }
  }
  return (
    <div ref={here} className="space-y-1">
      {state?.message && (
        <p role="status" className={state.ok ? "text-emerald-700" : "text-rose-700"} data-testid={testId}>
          {state.message}
        </p>
      )}
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-4 py-1.5 font-medium text-white disabled:opacity-50">
          {pending ? "Saving…" : label}
        </button>
        <span className={`text-xs ${dirty ? "text-amber-700" : "text-slate-500"}`} data-testid={`${testId}-state`}>
          {pending ? "" : dirty ? "Unsaved changes" : savedAt ? `Saved ${savedAt} ✓` : ""}
        </span>
      </div>
    </div>
  );
}
