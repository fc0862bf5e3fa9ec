"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { FormFooter } from "../ui/form-footer";

/** Marks the artifact as gold with its known answer, or takes the mark off. */
export function GoldForm({
  projectId,
  artifactId,
  current,
  action,
}: {
  projectId: number;
  artifactId: string;
  current: string | null;
  action: (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="space-y-2 rounded border border-slate-200 bg-white p-3 text-sm" data-testid="gold-form">
      <h2 className="font-semibold">Gold</h2>
      <p className="text-xs text-slate-600">
        Gold artifacts are mixed into annotators&apos; queues at the project&apos;s gold rate; their answers on them measure accuracy. Annotators are not told which ones are gold.
      </p>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="artifactId" value={artifactId} />
      <fieldset className="flex flex-wrap gap-4">
        <legend className="sr-only">Known answer</legend>
        {[
          ["none", "Not gold"],
          ["accept", "Gold: the right answer is accept"],
          ["reject", "Gold: the right answer is reject"],
        ].map(([value, label]) => (
          <label key={value} className="flex items-center gap-1">
            <input type="radio" name="gold" value={value} defaultChecked={(current ?? "none") === value} /> {label}
          </label>
        ))}
      </fieldset>
      <FormFooter state={state} pending={pending} label="Save gold mark" testId="gold-message" />
    </form>
  );
}
