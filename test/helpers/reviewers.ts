// Annotators reviewing through the app's own review doors, as fast as it answers, for the tests that
// take the database away under them: every answer is kept (a hang is one too), and every verdict
// the server acknowledged.
import { REASON_CODES } from "@/lib/domain/kinds";
import { cookieHeader, signIn } from "./http-auth";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Answer {
  status: number | "hung" | "refused";
  at: number;
}

/** A fetch that never waits past 20 s: a hang is an answer too, and a failure of this test. */
export async function timedFetch(url: string, init: RequestInit = {}): Promise<{ answer: Answer; res?: Response }> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
    return { answer: { status: res.status, at: Date.now() }, res };
  } catch (e) {
    return { answer: { status: (e as Error).name === "TimeoutError" ? "hung" : "refused", at: Date.now() } };
  }
}

/** One annotator reviewing as fast as the server answers until `until()`; returns the verdicts acknowledged and every answer. */
export async function review(base: string, projectId: number, email: string, password: string, until: () => boolean) {
  const jar = await signIn(base, email, password);
  const headers = { cookie: cookieHeader(jar), origin: base, "content-type": "application/json" };
  const answers: Answer[] = [];
  const acknowledged: string[] = [];
  let current: string | null = null;
  while (!until()) {
    const body = current ? { projectId, verdict: { artifactId: current, decision: "reject", reasons: [REASON_CODES[0]] } } : { projectId };
    const { answer, res } = await timedFetch(`${base}/api/review/${projectId}/${current ? "verdict" : "next"}`, { method: "POST", headers, body: JSON.stringify(body) });
    answers.push(answer);
    if (res?.status === 200) {
      if (current) acknowledged.push(current);
      const step = (await res.json()) as { item: { artifactId: string } | null };
      current = step.item?.artifactId ?? null;
      if (!current) break; // nothing left
    } else {
      await res?.body?.cancel();
      // 503: the database is away; ask again in a moment (the lease is kept, or claimed anew)
      current = null;
      await sleep(250);
    }
  }
  return { email, acknowledged, answers };
}
