"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { ActionMessage } from "../ui/action-message";
import { ConfirmForm } from "../ui/confirm-form";

type Action = (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;

/** Creates a personal API token; the secret shows once, under the form. */
export function NewTokenForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="new-token">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col">
          What it is for
          <input name="name" required maxLength={100} placeholder="nightly pipeline" className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col">
          Scope
          <select name="scope" defaultValue="read" className="rounded border border-slate-300 px-2 py-1">
            <option value="read">read: rules, verdicts, exports</option>
            <option value="write">write: also upload batches and start exports</option>
          </select>
        </label>
        <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-4 py-1.5 font-medium text-white disabled:opacity-50">
          {pending ? "Creating…" : "Create token"}
        </button>
      </div>
      <ActionMessage state={state} testId="new-token-message" />
    </form>
  );
}

export function RevokeTokenForm({ tokenId, name, action }: { tokenId: number; name: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <div>
      <ConfirmForm trigger="Revoke…" confirm={`Revoke "${name}"`} action={formAction} pending={pending}>
        <input type="hidden" name="tokenId" value={tokenId} />
        <p>Whatever uses this token gets 401 from now on. This cannot be undone; create a new token instead.</p>
      </ConfirmForm>
      <ActionMessage state={state} testId="revoke-token-message" />
    </div>
  );
}
