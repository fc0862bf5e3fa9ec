"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { ConfirmForm } from "../ui/confirm-form";

type Action = (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;

const message = (state: ActionState | undefined, testId: string) =>
  state?.message ? (
    <p role="status" className={`text-xs ${state.ok ? "text-emerald-700" : "text-rose-700"}`} data-testid={testId}>
      {state.message}
    </p>
  ) : null;

/** Deletes an endpoint after saying what that does. */
export function DeleteWebhookForm({ projectId, endpointId, url, action }: { projectId: number; endpointId: number; url: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <div>
      <ConfirmForm trigger="Delete…" confirm="Delete endpoint" action={formAction} pending={pending}>
        <input type="hidden" name="projectId" value={projectId} />
        <input type="hidden" name="endpointId" value={endpointId} />
        <p>Nothing more is sent to {url}; deliveries still waiting fail. The log keeps what was sent.</p>
      </ConfirmForm>
      {message(state, "delete-webhook-message")}
    </div>
  );
}

/** Sends a delivery again (same webhook-id). */
export function RedeliverForm({ projectId, deliveryId, action }: { projectId: number; deliveryId: number; action: Action }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-50">
        {pending ? "Sending…" : "Redeliver"}
      </button>
      {message(state, "redeliver-message")}
    </form>
  );
}
