import type { ReviewStep } from "@/lib/views/review";

export type StepResult = ReviewStep & { status?: string };

/** Midnight in the browser's time zone, as an instant: the review endpoints count "today" from it. */
export function localDayStart(now = new Date()): string {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

/** POSTs to a review endpoint; resolves with the next step or rejects with the server's message. */
export async function reviewCall(projectId: number, action: "next" | "verdict" | "skip" | "undo", body?: unknown): Promise<StepResult> {
  const res = await fetch(`/api/review/${projectId}/${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ ...(body as object | undefined), dayStart: localDayStart() }),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(data?.error?.message ?? `The server answered HTTP ${res.status}.`);
  return data as StepResult;
}
