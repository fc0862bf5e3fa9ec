"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";
import { ConfirmForm } from "../ui/confirm-form";

type Action = (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;

/** Archive the project (it leaves the lists and queues, its data stays) after saying so, or restore it. */
export function ArchiveForm({ projectId, name, archivedAt, action }: { projectId: number; name: string; archivedAt: string | null; action: Action }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <div className="space-y-1 text-sm">
      {archivedAt ? (
        <form action={formAction}>
          <input type="hidden" name="projectId" value={projectId} />
          <input type="hidden" name="archive" value="restore" />
          <p className="mb-2 text-slate-700">Archived {archivedAt.slice(0, 10)}: hidden from the project lists, the import page and the review queues.</p>
          <button type="submit" disabled={pending} className="rounded border border-indigo-400 px-3 py-1 text-indigo-800 hover:bg-indigo-50">
            Restore {name}
          </button>
        </form>
      ) : (
        <ConfirmForm trigger="Archive this project…" confirm={`Archive ${name}`} action={formAction} pending={pending}>
          <input type="hidden" name="projectId" value={projectId} />
          <input type="hidden" name="archive" value="archive" />
          <p>{name} leaves the project lists, the import page and every review queue. Nothing is deleted: its artifacts, verdicts, splits and exports stay, and it can be restored here at any time.</p>
        </ConfirmForm>
      )}
      {state?.message && (
        <p role="status" className={state.ok ? "text-emerald-700" : "text-rose-700"} data-testid="archive-message">
          {state.message}
        </p>
      )}
    </div>
  );
}
