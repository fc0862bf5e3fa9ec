"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { ROLES } from "@/lib/auth/roles";
import { ActionMessage } from "../ui/action-message";

type Action = (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;
const input = "rounded border border-slate-300 px-2 py-1";

/** Creates an account; without a password one is generated and shown once. */
export function NewAccountForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const error = (field: string) => state?.fieldErrors?.[field]?.[0];
  return (
    <form action={formAction} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="new-account">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        <label className="flex flex-col">
          Email
          <input name="email" type="email" required className={input} aria-invalid={!!error("email")} />
        </label>
        <label className="flex flex-col">
          Name
          <input name="name" className={input} />
        </label>
        <label className="flex flex-col">
          Role
          <select name="role" defaultValue="annotator" className={input}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Password (blank: generate one)
          <input name="password" type="password" autoComplete="new-password" className={input} aria-invalid={!!error("password")} />
        </label>
        <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-4 py-1.5 font-medium text-white disabled:opacity-50">
          {pending ? "Creating…" : "Create account"}
        </button>
      </div>
      <ActionMessage state={state} testId="new-account-message" />
    </form>
  );
}
