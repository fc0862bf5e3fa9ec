"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";

/** Recomputes the project's agreement now (the page follows a long computation's progress). */
export function RecomputeForm({ projectId, action, label }: { projectId: number; action: (prev: ActionState | undefined, form: FormData) => Promise<ActionState>; label: string }) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="flex items-center gap-3">
      <input type="hidden" name="projectId" value={projectId} />
      <button type="submit" disabled={pending} className="rounded border border-indigo-400 px-3 py-1 text-sm text-indigo-800 hover:bg-indigo-50 disabled:opacity-50">
        {pending ? "Computing…" : label}
      </button>
      {state?.message && (
        <span role="status" className={`text-sm ${state.ok ? "text-emerald-700" : "text-rose-700"}`} data-testid="recompute-message">
          {state.message}
        </span>
      )}
    </form>
  );
}
