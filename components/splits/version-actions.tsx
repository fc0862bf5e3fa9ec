"use client";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/guard";

type Action = (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;

/** Export a version, or freeze it after saying plainly that freezing cannot be undone. */
export function VersionActions({ projectId, version, frozen, action }: { projectId: number; version: number; frozen: boolean; action: Action }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const [confirming, setConfirming] = useState(false);
  const hidden = (
    <>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
  return (
    <div className="space-y-1 text-sm">
      <div className="flex flex-wrap gap-2">
        <form action={formAction}>
          {hidden}
          <input type="hidden" name="action" value="export" />
          <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50 disabled:opacity-50">
            Export v{version}
          </button>
        </form>
        {!frozen && !confirming && (
          <button type="button" onClick={() => setConfirming(true)} className="rounded border border-indigo-400 px-3 py-1 text-indigo-800 hover:bg-indigo-50">
            Freeze v{version}…
          </button>
        )}
      </div>
      {!frozen && confirming && (
        <form action={formAction} className="rounded border border-indigo-300 bg-indigo-50 p-2" onSubmit={() => setConfirming(false)}>
          {hidden}
          <input type="hidden" name="action" value="freeze" />
          <p className="text-xs text-indigo-900">
            Freezing is permanent: version {version} will never change again, its test users stay in test in every later version, and every export of it must
            match the manifest written now. Later verdicts and edits go to the next version.
          </p>
          <div className="mt-2 flex gap-2">
            <button type="submit" className="rounded bg-indigo-600 px-3 py-1 font-medium text-white">
              Freeze version {version}
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-300 bg-white px-3 py-1">
              Cancel
            </button>
          </div>
        </form>
      )}
      {state?.message && (
        <p role="status" className={state.ok ? "text-emerald-700" : "text-rose-700"}>
          {state.message}
        </p>
      )}
    </div>
  );
}
