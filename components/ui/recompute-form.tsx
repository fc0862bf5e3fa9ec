"use client";
import type { ReactNode } from "react";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/guard";

/**
 * Starts a computation now (agreement, calibration): the page follows a long one's progress.
 * `children` are the form's own fields, before the button.
 */
export function RecomputeForm({
  projectId,
  action,
  label,
  children,
}: {
  projectId: number;
  action: (prev: ActionState | undefined, form: FormData) => Promise<ActionState>;
  label: string;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, undefined);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="projectId" value={projectId} />
      {children}
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
