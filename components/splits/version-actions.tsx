"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { ConfirmForm } from "../ui/confirm-form";

type Action = (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;

/** Export a version, or freeze it after saying plainly that freezing cannot be undone. */
export function VersionActions({ projectId, version, frozen, action }: { projectId: number; version: number; frozen: boolean; action: Action }) {
  const [state, formAction, pending] = useActionState(action, undefined);
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
        {!frozen && (
          <ConfirmForm trigger={`Freeze v${version}…`} confirm={`Freeze version ${version}`} action={formAction} pending={pending}>
            {hidden}
            <input type="hidden" name="action" value="freeze" />
            <p>
              Freezing is permanent: version {version} will never change again, its test users stay in test in every later version, and every export of it must match the manifest written now. Later
              verdicts and edits go to the next version.
            </p>
          </ConfirmForm>
        )}
      </div>
      {state?.message && (
        <p role="status" className={state.ok ? "text-emerald-700" : "text-rose-700"}>
          {state.message}
        </p>
      )}
    </div>
  );
}
