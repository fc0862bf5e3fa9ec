import type { TriageRunInfo } from "@/lib/views/qc";
import { JobProgress } from "../ui/job-progress";
import { RunPoller } from "../ui/run-poller";
import { timeText } from "@/lib/domain/time-text";

/** The latest "apply triage": its progress while it runs (the page refreshes itself), then what it did or why it stopped. */
export function TriageRunStatus({ run }: { run: TriageRunInfo | null }) {
  if (!run) return null;
  const running = run.status === "running" && !run.stalled;
  const started = timeText(run.createdAt);
  return (
    <div className="rounded border border-slate-200 bg-white p-3" data-testid="triage-run">
      <RunPoller active={running} />
      {running && <JobProgress run={run} requested="Triage" doing="Applying triage" label="Triage applied so far" unit="artifacts" />}
      {run.stalled && <p className="text-rose-700">The triage started {started} stopped responding. What it wrote stands; apply triage again to finish the rest.</p>}
      {run.status === "failed" && (
        <p className="text-rose-700">
          The triage started {started} failed: {run.error}
        </p>
      )}
      {run.status === "succeeded" && run.result && (
        <p className="text-emerald-700" data-testid="triage-run-result">
          Triage with v{run.result.ruleSetVersion} ({started}): {run.result.finalized.toLocaleString("en")} decided by the rules, {run.result.audits.toLocaleString("en")} left for an audit,{" "}
          {run.result.ranked.toLocaleString("en")} for people, most uncertain first in the queue.
        </p>
      )}
    </div>
  );
}
