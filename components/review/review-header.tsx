"use client";

import type { ReviewProgress } from "@/lib/views/review";
import { LeaseCountdown } from "./lease-countdown";

export interface ReviewMessage {
  tone: "ok" | "error";
  text: string;
}

/**
 * Where the annotator is: the project, what they did today and in all, what is left for them, the
 * lease, and the last action's outcome. One line whose height a notice does not change, so nothing
 * below it moves; only an error, which must be read whole, takes a line of its own.
 */
export function ReviewHeader({ projectName, progress, leaseExpiresAt, message }: { projectName: string; progress: ReviewProgress; leaseExpiresAt: string | null; message: ReviewMessage | null }) {
  const left = `${progress.left.toLocaleString("en")}${progress.leftMore ? "+" : ""}`;
  return (
    <div className="flex min-h-8 flex-wrap items-center gap-x-4 gap-y-1 text-sm" data-testid="review-header">
      <h1 className="truncate font-semibold" title={projectName}>
        {projectName}
      </h1>
      <dl className="flex gap-3 text-slate-600" data-testid="review-progress">
        <Stat label="done today" value={progress.today.toLocaleString("en")} />
        <Stat label="in total" value={(progress.total ?? 0).toLocaleString("en")} />
        <Stat label="left for you" value={left} />
      </dl>
      {leaseExpiresAt && (
        <span className="text-slate-600">
          <LeaseCountdown expiresAt={leaseExpiresAt} />
        </span>
      )}
      <p
        role="status"
        data-testid="review-message"
        title={message?.text}
        className={`rounded px-2 py-0.5 ${!message?.text ? "invisible ml-auto" : message.tone === "ok" ? "ml-auto truncate bg-emerald-50 text-emerald-800" : "basis-full bg-rose-50 text-rose-800"}`}
      >
        {message?.text || "\u00a0"}
      </p>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="flex items-baseline gap-1">
      <dd className="order-first font-semibold tabular-nums text-slate-900">{value}</dd>
      <dt>{label}</dt>
    </div>
  );
}
