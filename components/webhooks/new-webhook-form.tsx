"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_TEXT } from "@/lib/domain/webhooks";
import { ActionMessage } from "../ui/action-message";

type Action = (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;

/** Registers an endpoint: URL, note and events; the secret shows once, under the form. */
export function NewWebhookForm({ projectId, action }: { projectId: number; action: Action }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const fieldError = (name: string) => state?.fieldErrors?.[name]?.[0];
  return (
    <form action={formAction} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="new-webhook">
      <input type="hidden" name="projectId" value={projectId} />
      <label className="block font-medium">
        URL
        <input
          name="url"
          type="url"
          required
          maxLength={2000}
          placeholder="https://pipeline.example.org/hooks/workbench"
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 font-normal"
        />
        {fieldError("url") && <span className="text-rose-700">{fieldError("url")}</span>}
      </label>
      <label className="block font-medium">
        Note <span className="font-normal text-slate-500">(optional)</span>
        <input name="description" maxLength={200} placeholder="nightly release job" className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 font-normal" />
      </label>
      <fieldset>
        <legend className="font-medium">Events</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {WEBHOOK_EVENTS.map((e) => (
            <label key={e} className="flex items-start gap-2">
              <input type="checkbox" name={`event:${e}`} defaultChecked className="mt-1" />
              <span>
                <code>{e}</code>: <span className="text-slate-600">{WEBHOOK_EVENT_TEXT[e]}</span>
              </span>
            </label>
          ))}
        </div>
        {fieldError("events") && <span className="text-rose-700">{fieldError("events")}</span>}
      </fieldset>
      <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-4 py-1.5 font-medium text-white disabled:opacity-50">
        {pending ? "Registering…" : "Register endpoint"}
      </button>
      <ActionMessage state={state} testId="new-webhook-message" />
    </form>
  );
}
