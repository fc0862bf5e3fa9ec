"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { ROLES, type Role } from "@/lib/auth/roles";
import { ActionMessage } from "../ui/action-message";
import { ConfirmForm } from "../ui/confirm-form";

type Action = (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;

/** The controls of one account row: role, deactivate or reactivate, reset the password (the last two ask first). */
export function AccountActions({
  account,
  self,
  actions,
}: {
  account: { id: number; email: string; role: Role; active: boolean };
  self: boolean;
  actions: { changeRole: Action; setActive: Action; resetPassword: Action };
}) {
  const [roleState, roleAction, rolePending] = useActionState(actions.changeRole, undefined);
  const [activeState, activeAction, activePending] = useActionState(actions.setActive, undefined);
  const [resetState, resetAction, resetPending] = useActionState(actions.resetPassword, undefined);
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-1">
          <input type="hidden" name="accountId" value={account.id} />
          <select name="role" defaultValue={account.role} aria-label={`Role of ${account.email}`} className="rounded border border-slate-300 px-1 py-0.5 text-sm">
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
          <button type="submit" disabled={rolePending} className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-50">
            Set role
          </button>
        </form>
        {account.active ? (
          !self && (
            <ConfirmForm trigger="Deactivate…" confirm={`Deactivate ${account.email}`} action={activeAction} pending={activePending}>
              <input type="hidden" name="accountId" value={account.id} />
              <input type="hidden" name="active" value="false" />
              <p>They are signed out at once, cannot sign in, and their API tokens stop working. Their verdicts stay. You can reactivate them later.</p>
            </ConfirmForm>
          )
        ) : (
          <form action={activeAction}>
            <input type="hidden" name="accountId" value={account.id} />
            <input type="hidden" name="active" value="true" />
            <button type="submit" disabled={activePending} className="rounded border border-emerald-400 px-2 py-0.5 text-sm text-emerald-800 hover:bg-emerald-50">
              Reactivate
            </button>
          </form>
        )}
        <ConfirmForm trigger="Reset password…" confirm="Reset password" action={resetAction} pending={resetPending}>
          <input type="hidden" name="accountId" value={account.id} />
          <p>A new password is generated and shown once; {self ? "you are" : "they are"} signed out everywhere.</p>
        </ConfirmForm>
      </div>
      <ActionMessage state={roleState} testId="role-message" />
      <ActionMessage state={activeState} testId="active-message" />
      <ActionMessage state={resetState} testId="reset-message" />
    </div>
  );
}
