"use client";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import type { TriageRoute } from "@/lib/domain/qc/rule-set";

/** Applies triage after saying what it will do: decisions without people cannot be taken back by this button. */
export function ApplyTriageForm({ projectId, version, open, action }: {
  projectId: number;
  version: number;
  open: Record<TriageRoute, number>;
  action: (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="space-y-1">
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)} className="rounded border border-indigo-400 px-3 py-1 text-indigo-800 hover:bg-indigo-50">
          Apply triage with v{version}…
        </button>
      ) : (
        <form action={formAction} onSubmit={() => setConfirming(false)} className="rounded border border-indigo-300 bg-indigo-50 p-2 text-xs text-indigo-900">
          <input type="hidden" name="projectId" value={projectId} />
          <p>
            The rules will decide about {(open.auto_accept + open.auto_reject).toLocaleString("en")} unstarted artifacts without people (a sample stays open for an
            audit); {open.human.toLocaleString("en")} go to people. Decisions of the rules never enter the test set.
          </p>
          <div className="mt-2 flex gap-2">
            <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-3 py-1 font-medium text-white disabled:opacity-50">
              Apply triage
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-300 bg-white px-3 py-1">
              Cancel
            </button>
          </div>
        </form>
      )}
      {state?.message && (
        <p role="status" data-testid="triage-message" className={state.ok ? "text-emerald-700" : "text-rose-700"}>
          {state.message}
        </p>
      )}
    </div>
  );
}
