"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { FormFooter } from "../ui/form-footer";

interface Settings {
  id: number;
  description: string;
  overlap: number;
  leaseMinutes: number;
  goldRate: number;
  blindMode: boolean;
  labelMode: string;
  calibrationFirst: boolean;
}

function FieldError({ state, name }: { state: ActionState | undefined; name: string }) {
  const errors = state?.fieldErrors?.[name];
  return errors?.length ? <span className="mt-1 block text-xs text-rose-700">{errors.join("; ")}</span> : null;
}

/** The project's review settings; the server validates and says per field what is wrong. */
export function SettingsForm({ project, action }: { project: Settings; action: (prev: ActionState | undefined, form: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const input = "mt-1 w-full rounded border border-slate-300 px-2 py-1";
  return (
    <form action={formAction} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-5 text-sm shadow-sm" data-testid="settings-form">
      <input type="hidden" name="projectId" value={project.id} />
      <label className="block font-medium">
        Description
        <textarea name="description" defaultValue={project.description} rows={2} className={input} />
        <FieldError state={state} name="description" />
      </label>
      <div className="grid grid-cols-3 gap-3">
        <label className="block font-medium">
          Verdicts per artifact (overlap)
          <input name="overlap" type="number" min={1} max={10} defaultValue={project.overlap} className={input} />
          <FieldError state={state} name="overlap" />
        </label>
        <label className="block font-medium">
          Lease (minutes)
          <input name="leaseMinutes" type="number" min={1} defaultValue={project.leaseMinutes} className={input} />
          <FieldError state={state} name="leaseMinutes" />
        </label>
        <label className="block font-medium">
          Gold rate (0 to 1)
          <input name="goldRate" type="number" step="0.01" min={0} max={1} defaultValue={project.goldRate} className={input} />
          <FieldError state={state} name="goldRate" />
        </label>
      </div>
      <label className="flex items-center gap-2 font-medium">
        <input name="blindMode" type="checkbox" defaultChecked={project.blindMode} /> Blind mode: hide the judge&apos;s scores from annotators
      </label>
      <label className="flex items-start gap-2 font-medium">
        <input name="calibrationFirst" type="checkbox" defaultChecked={project.calibrationFirst} className="mt-1" />
        <span>
          Calibration first: put artifacts of the kinds that still lack calibration labels first in the queue
          <span className="block text-xs font-normal text-slate-500">So the judge can be calibrated sooner; the calibration page says which kinds need how many.</span>
        </span>
      </label>
      <label className="block font-medium">
        Label mode for agreement
        <select name="labelMode" defaultValue={project.labelMode} className={input}>
          <option value="three_class">three classes: accept / edit / reject</option>
          <option value="binary">two classes: accept or edit / reject</option>
        </select>
      </label>
      <FormFooter state={state} pending={pending} label="Save settings" testId="settings-message" />
    </form>
  );
}
