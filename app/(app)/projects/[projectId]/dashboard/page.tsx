import type { Metadata } from "next";
import { Suspense } from "react";
import { PageLoading } from "@/components/ui/page-loading";
import { DailyChart } from "@/components/stats/bar-chart";
import { StatusTable } from "@/components/stats/status-table";
import { ProgressBar } from "@/components/ui/progress-bar";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { projectDashboard } from "@/lib/server/projects/project-dashboard";
import { TriageSummary } from "@/components/qc/triage-summary";
import { keptTriagePreview } from "@/lib/server/qc/kept-triage-preview";
import { RunPoller } from "@/components/ui/run-poller";
import { timeText } from "@/lib/domain/time-text";
import { triageOutcome } from "@/lib/server/qc/apply-triage";
import { latestTriageRun } from "@/lib/server/qc/triage-runs";
import { TriageRunStatus } from "@/components/qc/triage-run-status";
import { can } from "@/lib/auth/roles";
import { applyTriageAction } from "./actions";
import { words } from "@/lib/domain/labels";

export const metadata: Metadata = { title: "Progress" };

const COLORS: Record<string, string> = { accepted: "bg-emerald-500", rejected: "bg-rose-500", disputed: "bg-amber-500", in_review: "bg-sky-400", pending: "bg-slate-300" };

export default async function DashboardPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { user, id, project } = await requireProjectPage("stats:read", projectId, `/projects/${projectId}/dashboard`);
  // the guard has answered before anything streams: a refused caller gets its 403 or 404, not a loading page
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">{project.name}: progress</h1>
      <Suspense fallback={<PageLoading what="Counting the project's artifacts" />}>
        <Dashboard id={id} canApply={can(user.role, "rules:manage")} />
      </Suspense>
    </div>
  );
}

/** The counts, which take seconds on a large project. */
async function Dashboard({ id, canApply }: { id: number; canApply: boolean }) {
  const [d, kept, outcome, run] = await Promise.all([projectDashboard(id), keptTriagePreview(id), triageOutcome(id), latestTriageRun(id)]);
  return (
    <>
      <ProgressBar label="Artifacts by review status" segments={d.byStatus.map((s) => ({ label: words(s.key), value: s.count, color: COLORS[s.key] ?? "bg-slate-400" }))} />
      <p className="text-sm text-slate-600">
        {d.totals.artifacts.toLocaleString("en")} artifacts: {d.totals.flagged.toLocaleString("en")} fail an automatic check, {d.totals.overridden.toLocaleString("en")} were accepted by an annotator
        over a failed check, {d.totals.gold.toLocaleString("en")} are gold.
      </p>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Over time</h2>
        <DailyChart data={d.perDay} label="Verdicts per day and artifacts final over time" />
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Triage</h2>
        <RunPoller active={kept.counting} />
        {kept.preview ? (
          <TriageSummary projectId={id} t={kept.preview} outcome={outcome} apply={canApply ? applyTriageAction : undefined} running={run?.status === "running" && !run.stalled} />
        ) : (
          <p className="text-sm text-slate-600" data-testid="triage-counting">
            Counting what triage with rule set v{kept.ruleSetVersion} would do; this page shows it as soon as a worker has counted it.
          </p>
        )}
        {kept.countedAt && (
          <p className="mt-1 text-xs text-slate-500" data-testid="triage-counted-at">
            Counted at {timeText(kept.countedAt, "second")} UTC{kept.counting ? "; counting again, as reviews moved on since" : ""}.
          </p>
        )}
        <TriageRunStatus run={run} />
      </section>
      <section className="grid items-start gap-8 lg:grid-cols-2">
        <StatusTable title="kind" rows={d.byKind.map((r) => ({ key: r.kind, status: r.status, count: r.count }))} />
        <StatusTable title="platform" rows={d.byPlatform.map((r) => ({ key: r.platform, status: r.status, count: r.count }))} />
      </section>
    </>
  );
}
