"use client";

import { useEffect, useState } from "react";
import { countdownText } from "@/lib/domain/time-text";

/** The lease's end in the browser's local time, and the time left, ticking each second (rendered after hydration: the server does not know the reader's zone). */
export function LeaseCountdown({ expiresAt }: { expiresAt: string }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now());
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, []);
  if (now === null) return <span className="invisible">lease</span>;
  const end = new Date(expiresAt);
  const left = end.getTime() - now;
  const at = end.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  if (left <= 0) {
    return (
      <span data-testid="lease" className="font-medium text-rose-700">
        Lease ended at {at}: the artifact may go to someone else. Reload to claim again.
      </span>
    );
  }
  return (
    <span data-testid="lease" className={left < 120_000 ? "font-medium text-amber-700" : undefined} title={end.toString()}>
      Lease until <time dateTime={expiresAt}>{at}</time> <span className="tabular-nums">({countdownText(left)} left)</span>
    </span>
  );
}
