import type { JobRunState } from "@/lib/views/jobs";
import { timeText } from "@/lib/domain/time-text";

/**
 * A running job: queued for a worker (and where workers come from), or under way with its progress
 * bar. `requested` names it while it waits ("Agreement"), `doing` while it runs ("Computing agreement").
 */
export function JobProgress({
  run,
  requested,
  doing,
  label,
  className = "",
}: {
  run: Pick<JobRunState, "waiting" | "createdAt" | "progress">;
  requested: string;
  doing: string;
  label: string;
  className?: string;
}) {
  const at = timeText(run.createdAt);
  return (
    <div className={className}>
      <p>{run.waiting ? `${requested} requested ${at}: queued, waiting for a worker (one runs beside npm start; more with npm run worker)…` : `${doing} (started ${at})…`}</p>
      <progress className="mt-1 h-2 w-full max-w-md" max={1} value={run.progress} aria-label={label}>
        {Math.round(run.progress * 100)}%
      </progress>
    </div>
  );
}
