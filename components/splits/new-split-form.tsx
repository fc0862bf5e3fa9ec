"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { DEFAULT_RATIOS, SPLITS } from "@/lib/domain/splits";
import { FormFooter } from "../ui/form-footer";

function FieldError({ state, name }: { state: ActionState | undefined; name: string }) {
  const errors = state?.fieldErrors?.[name];
  return errors?.length ? <span className="mt-1 block text-xs text-rose-700">{errors.join("; ")}</span> : null;
}

/** Seed and ratios of a new split version; the server assigns users and says what it made. */
export function NewSplitForm({ projectId, defaultSeed, action }: { projectId: number; defaultSeed: string; action: (prev: ActionState | undefined, form: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const input = "mt-1 w-full rounded border border-slate-300 px-2 py-1";
  return (
    <form action={formAction} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="new-split-form">
      <h2 className="text-base font-semibold">New split version</h2>
      <p className="text-xs text-slate-600">
        Every final accepted artifact, split by user (all of a user&apos;s artifacts land in one split), stratified by platform. The same seed and ratios give the same split; users in a frozen test
        set stay in test.
      </p>
      <input type="hidden" name="projectId" value={projectId} />
      <div className="grid grid-cols-4 gap-3">
        <label className="block font-medium">
          Seed
          <input name="seed" defaultValue={defaultSeed} className={input} />
          <FieldError state={state} name="seed" />
        </label>
        {SPLITS.map((name) => [name, DEFAULT_RATIOS[name]] as const).map(([name, value]) => (
          <label key={name} className="block font-medium">
            {name} ratio
            <input name={String(name)} type="number" step="0.01" min={0} max={1} defaultValue={value} className={input} />
            <FieldError state={state} name={String(name)} />
          </label>
        ))}
      </div>
      <FormFooter state={state} pending={pending} label="Make the split" testId="split-message" />
    </form>
  );
}
