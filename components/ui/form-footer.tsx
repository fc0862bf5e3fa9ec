import type { ActionState } from "@/lib/auth/guard";

/** A server action's message (green when it worked) and the submit button, the same in every form. */
export function FormFooter({ state, pending, label, testId }: { state: ActionState | undefined; pending: boolean; label: string; testId: string }) {
  return (
    <>
      {state?.message && (
        <p role="status" className={state.ok ? "text-emerald-700" : "text-rose-700"} data-testid={testId}>
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending} className="rounded bg-indigo-600 px-4 py-1.5 font-medium text-white disabled:opacity-50">
        {pending ? "Saving…" : label}
      </button>
    </>
  );
}
