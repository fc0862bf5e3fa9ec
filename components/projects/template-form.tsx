"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { FormFooter } from "../ui/form-footer";

/** One task's prompt template: saving a changed text makes the next version; exports made earlier keep theirs. */
export function TemplateForm({
  projectId,
  task,
  version,
  template,
  isDefault,
  fields,
  action,
}: {
  projectId: number;
  task: string;
  version: number;
  template: string;
  isDefault: boolean;
  fields: readonly string[];
  action: (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const errors = state?.fieldErrors?.template;
  return (
    <form action={formAction} className="space-y-2 rounded border border-slate-200 bg-white p-3 text-sm" data-testid={`template-${task}`}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="task" value={task} />
      <label className="block">
        <span className="font-medium">{task.replaceAll("_", " ")}</span>{" "}
        <span className="text-xs text-slate-500">
          version {version}
          {isDefault ? " (the default)" : ""} · fills {fields.map((f) => `{${f}}`).join(", ")}
        </span>
        <textarea name="template" defaultValue={template} rows={4} className="mt-1 w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs" />
        {errors?.length ? <span className="block text-xs text-rose-700">{errors.join("; ")}</span> : null}
      </label>
      <FormFooter state={state} pending={pending} label="Save as a new version" testId={`template-message-${task}`} />
    </form>
  );
}
