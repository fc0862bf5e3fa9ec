import type { ActionState } from "@/lib/auth/guard";
import { SecretBox } from "./secret-box";

/** A server action's outcome: green or red, and a one-time secret when it made one. */
export function ActionMessage({ state, testId }: { state: ActionState | undefined; testId: string }) {
  if (!state?.message) return null;
  return (
    <div role="status" className={`text-sm ${state.ok ? "text-emerald-700" : "text-rose-700"}`} data-testid={testId}>
      {state.message}
      {state.secret && <SecretBox secret={state.secret} />}
    </div>
  );
}
