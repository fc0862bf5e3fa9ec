import type { Metadata } from "next";
import Link from "next/link";
import { KeyReportCard } from "@/components/qc/key-report-card";
import { SaveProposalsForm } from "@/components/qc/save-proposals-form";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { calibrate } from "@/lib/server/qc/calibration";
import { rulesWithProposals } from "@/lib/server/qc/save-proposals";
import { calibrationQuery } from "@/lib/validation/calibration";
import { saveCalibratedRules } from "./actions";
import { timeText } from "@/lib/domain/time-text";

export const metadata: Metadata = { title: "Calibration" };

export default async function CalibrationPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { projectId } = await params;
  const { id, project } = await requireProjectPage("rules:manage", projectId, `/projects/${projectId}/calibration`);
  const query = calibrationQuery.safeParse(await searchParams);
  const target = query.success ? query.data.target : 0.95;
  const report = await calibrate(id, { target });
  const { changes } = rulesWithProposals(
    report,
    report.keys.map((k) => k.key),
  );
  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{project.name}: calibration of the LLM judge</h1>
        <p className="text-sm text-slate-600">
          Rule set version {report.ruleSetVersion} against the final labels people gave before {timeText(report.ranAt)} UTC (triage decisions are not labels). Intervals are 95%.
        </p>
        <form className="flex items-center gap-2 text-sm">
          <label htmlFor="target">Precision target for automatic decisions</label>
          <input id="target" name="target" type="number" step="0.01" min={0.5} max={1} defaultValue={target} className="w-20 rounded border border-slate-300 px-2 py-0.5" />
          <button type="submit" className="rounded border border-slate-300 px-2 py-0.5">
            Recalibrate
          </button>
          {!query.success && <span className="text-rose-700">{query.error.issues[0].message}; using 0.95.</span>}
        </form>
      </header>
      {report.keys.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 p-6 text-center text-slate-600" data-testid="no-labels">
          No judged artifact has a final human label yet. Calibration starts once people have reviewed some; see{" "}
          <Link href={`/review/${id}`} className="text-indigo-700 underline">
            the queue
          </Link>
          .
        </p>
      ) : (
        <>
          <SaveProposalsForm projectId={id} basedOn={report.ruleSetVersion} target={target} ranAt={report.ranAt} changes={changes} action={saveCalibratedRules} />
          {report.keys.map((k) => (
            <KeyReportCard key={k.key} r={k} current={report.rules.pass[k.key as keyof typeof report.rules.pass]} />
          ))}
        </>
      )}
    </div>
  );
}
