import { DEFAULT_TARGET } from "@/lib/validation/calibration";
import type { Metadata } from "next";
import Link from "next/link";
import { KeyReportCard } from "@/components/qc/key-report-card";
import { SaveProposalsForm } from "@/components/qc/save-proposals-form";
import { RecomputeForm } from "@/components/ui/recompute-form";
import { JobProgress } from "@/components/ui/job-progress";
import { RunPoller } from "@/components/ui/run-poller";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { toAppError } from "@/lib/errors";
import { timeText } from "@/lib/domain/time-text";
import { calibratesInline, calibrationFreshness, calibrationRuns, refreshCalibration } from "@/lib/server/qc/calibration-runs";
import { COUNT_CAP } from "@/lib/server/review-activity";
import { rulesWithProposals } from "@/lib/server/qc/save-proposals";
import { recalibrateAction, saveCalibratedRules } from "./actions";
import { CalibrationNav } from "@/components/qc/calibration-nav";
import { keyStates } from "@/lib/domain/qc/calibration-state";
import { labelNeeds } from "@/lib/server/qc/calibration-needs";

export const metadata: Metadata = { title: "Calibration" };

export default async function CalibrationPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { user, id, project } = await requireProjectPage("rules:manage", projectId, `/projects/${projectId}/calibration`);
  let { ready, latest } = await calibrationRuns(id);
  const busy = latest?.status === "running" && !latest.stalled;
  let fresh = await calibrationFreshness(id, ready);
  if (!busy && fresh.stale && (await calibratesInline(id))) {
    // a small project: bring the calibration up to date on the spot
    try {
      await refreshCalibration(id, ready?.target ?? DEFAULT_TARGET, { actorId: user.id, actorLabel: user.email });
    } catch (e) {
      if (toAppError(e).code !== "conflict") throw e; // another request is calibrating it
    }
    ({ ready, latest } = await calibrationRuns(id));
    fresh = await calibrationFreshness(id, ready);
  }
  const running = latest?.status === "running" && !latest.stalled;
  const report = ready?.report ?? null;
  const target = ready?.target ?? DEFAULT_TARGET;
  const changes =
    report && !fresh.rulesNow
      ? rulesWithProposals(
          report,
          report.keys.map((k) => k.key),
        ).changes
      : [];

  const needs = await labelNeeds(id);
  return (
    <div className="space-y-6">
      <RunPoller active={running} />
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{project.name}: calibration of the LLM judge</h1>
        {ready && report && (
          <p className="text-sm text-slate-600" data-testid="labels-as-of">
            Rule set version {report.ruleSetVersion} against the final labels people gave before {timeText(report.ranAt)} UTC (triage decisions are not labels), at precision {target}. Intervals are
            95%.
            {(report.outOfRange ?? 0) > 0 && (
              <span data-testid="labels-out-of-range">
                {" "}
                Left out: {report.outOfRange!.toLocaleString("en")} labeled artifact{report.outOfRange === 1 ? "" : "s"} the judge scored off the 1-10 scale, which no threshold can place (they are
                always reviewed by people).
              </span>
            )}
            {fresh.stale && (
              <span className="text-amber-800">
                {" "}
                Since then: {fresh.newVerdicts >= COUNT_CAP ? "over " : ""}
                {fresh.newVerdicts.toLocaleString("en")} new verdicts, {fresh.newAdjudications.toLocaleString("en")} adjudications
                {fresh.rulesNow ? `, and the rules are now version ${fresh.rulesNow}` : ""}.
              </span>
            )}
          </p>
        )}
        <CalibrationNav states={keyStates(report?.keys ?? [], needs)} reported={new Set(report?.keys.map((k) => k.key) ?? [])} />
        {!running && (
          <RecomputeForm projectId={id} action={recalibrateAction} label={ready ? "Recalibrate" : "Calibrate"}>
            <label htmlFor="target" className="text-sm">
              Precision target for automatic decisions
            </label>
            <input id="target" name="target" type="number" step="0.01" min={0.5} max={1} defaultValue={target} className="w-20 rounded border border-slate-300 px-2 py-0.5 text-sm" />
          </RecomputeForm>
        )}
        {running && latest && (
          <JobProgress
            run={latest}
            requested={`Calibration at precision ${latest.target}`}
            doing={`Calibrating at precision ${latest.target}`}
            label="Calibration done so far"
            className="text-sm text-slate-700"
          />
        )}
        {latest?.status === "failed" && <p className="text-sm text-rose-700">The last calibration failed: {latest.error}</p>}
        {latest?.stalled && <p className="text-sm text-rose-700">The calibration started {timeText(latest.createdAt)} stopped responding; start it again.</p>}
      </header>
      {!report ? (
        !running && <p className="text-slate-600">No calibration yet: calibrate to compare the judge with people&apos;s labels.</p>
      ) : report.keys.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 p-6 text-center text-slate-600" data-testid="no-labels">
          No judged artifact has a final human label yet. Calibration starts once people have reviewed some; see{" "}
          <Link href={`/review/${id}`} className="text-indigo-700 underline">
            the queue
          </Link>
          .
        </p>
      ) : (
        <>
          {fresh.rulesNow ? (
            <p className="text-sm text-amber-800">
              These proposals were made for rule set version {report.ruleSetVersion}; recalibrate to propose changes to version {fresh.rulesNow}.
            </p>
          ) : (
            <SaveProposalsForm projectId={id} runId={ready!.id} basedOn={report.ruleSetVersion} changes={changes} action={saveCalibratedRules} />
          )}
          {report.keys.map((k) => (
            <KeyReportCard key={k.key} r={k} current={report.rules.pass[k.key as keyof typeof report.rules.pass]} />
          ))}
        </>
      )}
    </div>
  );
}
