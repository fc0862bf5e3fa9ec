"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import type { TriageRoute } from "@/lib/domain/qc/rule-set";
import { ConfirmForm } from "../ui/confirm-form";
import { useJobMessage } from "../ui/use-job-message";

/** Applies triage after saying what it will do: decisions without people cannot be taken back by this button. */
export function ApplyTriageForm({
  projectId,
  version,
  open,
  action,
  running = false,
}: {
  projectId: number;
  version: number;
  open: Record<TriageRoute, number>;
  action: (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;
  /** a triage run is under way now */
  running?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const message = useJobMessage(state, running, "Triage finished: what it did is below.");
  return (
    <div className="space-y-1">
      <ConfirmForm trigger={`Apply triage with v${version}…`} confirm="Apply triage" action={formAction} pending={pending}>
        <input type="hidden" name="projectId" value={projectId} />
        <p>
          The rules will decide about {(open.auto_accept + open.auto_reject).toLocaleString("en")} unstarted artifacts without people (a sample stays open for an audit);{" "}
          {open.human.toLocaleString("en")} go to people. Decisions of the rules never enter the test set.
        </p>
      </ConfirmForm>
      {message && (
        <p role="status" data-testid="triage-message" className={state?.ok ? "text-emerald-700" : "text-rose-700"}>
          {message}
        </p>
      )}
    </div>
  );
}
