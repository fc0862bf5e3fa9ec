"use client";

import { useState } from "react";
import type { ActionState } from "@/lib/auth/guard";

/**
 * The message of an action that started a job: the action's own while the job waits or runs, then,
 * once the page shows it ended, `done` in its place ("Computing…" is never left behind).
 */
export function useJobMessage(state: ActionState | undefined, running: boolean, done: string): string | undefined {
  const [seen, setSeen] = useState({ state, running: false });
  if (seen.state !== state) setSeen({ state, running });
  else if (running && !seen.running) setSeen({ state, running: true });
  return state?.ok && seen.state === state && seen.running && !running ? done : state?.message;
}
