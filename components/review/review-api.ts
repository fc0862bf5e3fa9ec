import type { ReviewStep } from "@/lib/views/review";

export type StepResult = ReviewStep & { status?: string };

/** POSTs to a review endpoint; resolves with the next step or rejects with the server's message. */
export async function reviewCall(projectId: number, action: "next" | "verdict" | "skip" | "undo", body?: unknown): Promise<StepResult> {
  const res = await fetch(`/api/review/${projectId}/${action}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new Error(data?.error?.message ?? `The server answered HTTP ${res.status}.`);
  return data as StepResult;
}
