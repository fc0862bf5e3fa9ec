"use client";
import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import type { ProposalChange } from "@/lib/views/qc";
import { FormFooter } from "../ui/form-footer";
import { rubricKeyLabel } from "@/lib/domain/labels";

const fmt = (t: Record<string, number | undefined>) =>
  Object.entries(t)
    .map(([m, v]) => `${m} ${v === 11 ? "never" : v}`)
    .join(", ") || "none";

/** The diff each proposal makes to the current rules, a box per kind to include it, and the save. */
export function SaveProposalsForm(props: {
  projectId: number;
  /** the calibration run whose proposals are saved */
  runId: number;
  basedOn: number;
  changes: ProposalChange[];
  action: (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(props.action, undefined);
  const [keys, setKeys] = useState<string[]>(props.changes.map((c) => c.key));
  if (props.changes.length === 0) {
    // after a save the page re-renders with the new version, whose proposals may change nothing: keep the message
    return (
      <div className="space-y-1 text-sm" data-testid="save-proposals">
        {state?.message && (
          <p role="status" className={state.ok ? "text-emerald-700" : "text-rose-700"} data-testid="save-proposals-message">
            {state.message}
          </p>
        )}
        <p className="text-slate-600">No proposal would change the current rules (version {props.basedOn}).</p>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="save-proposals">
      <h2 className="text-lg font-semibold">Save as rule set version {props.basedOn + 1}</h2>
      <p className="text-xs text-slate-600">What changes against version {props.basedOn}, per kind. Saved versions never change; the pipeline and triage read the current one.</p>
      <input type="hidden" name="projectId" value={props.projectId} />
      <input type="hidden" name="runId" value={props.runId} />
      <input type="hidden" name="keys" value={keys.join(",")} />
      <ul className="space-y-1">
        {props.changes.map((c) => (
          <li key={c.key}>
            <label className="flex items-start gap-2">
              <input type="checkbox" checked={keys.includes(c.key)} onChange={(e) => setKeys((k) => (e.target.checked ? [...k, c.key] : k.filter((x) => x !== c.key)))} />
              <span>
                <span className="font-medium">{rubricKeyLabel(c.key)}</span>
                {c.pass && (
                  <span className="block text-xs">
                    pass: <del className="text-rose-700">{fmt(c.pass.before)}</del> → <ins className="text-emerald-800 no-underline">{fmt(c.pass.after)}</ins>
                  </span>
                )}
                {c.reject && (
                  <span className="block text-xs">
                    auto-reject below: <del className="text-rose-700">{fmt(c.reject.before)}</del> → <ins className="text-emerald-800 no-underline">{fmt(c.reject.after)}</ins>
                  </span>
                )}
              </span>
            </label>
          </li>
        ))}
      </ul>
      <label className="block text-xs text-slate-600">
        Note (kept with the version)
        <textarea name="note" rows={2} className="mt-1 w-full rounded border border-slate-300 px-2 py-1 text-sm text-slate-900" />
      </label>
      <FormFooter state={state} pending={pending} label={`Save version ${props.basedOn + 1}`} testId="save-proposals-message" />
    </form>
  );
}
