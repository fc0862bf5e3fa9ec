"use client";

import { useActionState, useState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { FormFooter } from "../ui/form-footer";

/** Who works on the project in one role: its annotators (review) or its leads (manage). Admins reach every project. */
export function MembersForm({
  projectId,
  role,
  accounts: annotators,
  assigned,
  action,
}: {
  projectId: number;
  role: "annotator" | "lead";
  accounts: { id: number; email: string }[];
  assigned: number[];
  action: (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  const [chosen, setChosen] = useState(new Set(assigned));
  const toggle = (id: number) => setChosen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  return (
    <form action={formAction} className="space-y-2 rounded-lg border border-slate-200 bg-white p-5 text-sm shadow-sm" data-testid={`members-form-${role}`}>
      <input type="hidden" name="projectId" value={projectId} />
      <input type="hidden" name="role" value={role} />
      <input type="hidden" name="accountIds" value={[...chosen].join(",")} />
      {annotators.length === 0 ? (
        <p className="text-slate-600">No active {role} accounts yet. An admin creates them on the accounts page (or npm run cli -- users add).</p>
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
      <FormFooter state={state} pending={pending} label={role === "lead" ? "Save leads" : "Save annotators"} testId={`members-message-${role}`} />
    </form>
  );
}
