import type { JobRunState } from "@/lib/views/jobs";
import { timeText } from "@/lib/domain/time-text";

/** "12,000 of 80,000 records (15%)", or the share alone where a job does not count its units. */
export function progressText(run: Pick<JobRunState, "progress" | "done" | "total">, unit: string): string {
  const percent = `${Math.floor(run.progress * 100)}%`;
  return run.done !== null && run.total !== null ? `${run.done.toLocaleString("en")} of ${run.total.toLocaleString("en")} ${unit} (${percent})` : percent;
}

/**
 * A running job: queued for a worker (and where workers come from), or under way with a bar of its
 * units done of its total. `requested` names it while it waits ("Agreement"), `doing` while it runs
 * ("Computing agreement"), `unit` what it counts ("artifacts").
 */
export function JobProgress({
  run,
  requested,
  doing,
  label,
  unit = "items",
  className = "",
}: {
  run: Pick<JobRunState, "waiting" | "createdAt" | "progress" | "done" | "total">;
  requested: string;
  doing: string;
  label: string;
  unit?: string;
  className?: string;
}) {
  const at = timeText(run.createdAt);
  const counted = run.done !== null && run.total !== null && run.total > 0;
  return (
    <div className={className} data-testid="job-progress">
      <p>
        {run.waiting
          ? `${requested} requested ${at}: queued, waiting for a worker (one runs beside npm start; more with npm run worker)…`
          : `${doing} (started ${at}): ${run.total === null && run.done === null && run.progress === 0 ? "starting…" : progressText(run, unit)}`}
      </p>
      <progress className="mt-1 h-2 w-full max-w-md" max={counted ? run.total! : 1} value={counted ? run.done! : run.progress} aria-label={label}>
        {progressText(run, unit)}
      </progress>
    </div>
  );
}
