"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { FormFooter } from "../ui/form-footer";

/** Which annotators work on the project (leads and admins see every project). */
export function MembersForm({ projectId, annotators, assigned, action }: {
  projectId: number;
  annotators: { id: number; email: string }[];
  assigned: number[];
  action: (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const [chosen, setChosen] = useState(new Set(assigned));
  const toggle = (id: number) => setChosen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  return (
    <form action={formAction} className="space-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm shadow-sm" data-testid="members-form">
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="accountIds" value={[...chosen].join(",")} />
      {annotators.length === 0 ? (
        <p className="text-slate-600">No annotator accounts yet. An admin creates them (npm run cli -- users add).</p>
      ) : (
        <ul className="grid grid-cols-2 gap-1">
          {annotators.map((a) => (
            <li key={a.id}>
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={chosen.has(a.id)} onChange={() => toggle(a.id)} /> {a.email}
              </label>
            </li>
          ))}
        </ul>
      )}
      <FormFooter state={state} pending={pending} label="Save assignments" testId="members-message" />
    </form>
  );
}
