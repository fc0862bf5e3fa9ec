"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import type { TriageRoute } from "@/lib/domain/qc/rule-set";
import { ConfirmForm } from "../ui/confirm-form";

/** Applies triage after saying what it will do: decisions without people cannot be taken back by this button. */
export function ApplyTriageForm({
  projectId,
  version,
  open,
  action,
}: {
  projectId: number;
  version: number;
  open: Record<TriageRoute, number>;
  action: (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <div className="space-y-1">
      <ConfirmForm trigger={`Apply triage with v${version}…`} confirm="Apply triage" action={formAction} pending={pending}>
        <input type="hidden" name="projectId" value={projectId} />
        <p>
          The rules will decide about {(open.auto_accept + open.auto_reject).toLocaleString("en")} unstarted artifacts without people (a sample stays open for an audit);{" "}
          {open.human.toLocaleString("en")} go to people. Decisions of the rules never enter the test set.
        </p>
      </ConfirmForm>
      {state?.message && (
        <p role="status" data-testid="triage-message" className={state.ok ? "text-emerald-700" : "text-rose-700"}>
          {state.message}
        </p>
      )}
    </div>
  );
}
