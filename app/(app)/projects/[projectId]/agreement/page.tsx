import type { Metadata } from "next";
import Link from "next/link";
import { IntervalChart } from "@/components/agreement/interval-chart";
import { LabelPairs } from "@/components/agreement/label-pairs";
import { PairHeatmap } from "@/components/agreement/pair-heatmap";
import { QualityTable } from "@/components/agreement/quality-table";
import { RecomputeForm } from "@/components/ui/recompute-form";
import { SliceTable } from "@/components/agreement/slice-table";
import { StatisticCards } from "@/components/agreement/statistic-cards";
import { JobProgress } from "@/components/ui/job-progress";
import { RunPoller } from "@/components/ui/run-poller";
import { requireProjectPage } from "@/lib/auth/guard-page";
import { toAppError } from "@/lib/errors";
import { agreementFreshness, agreementSnapshots, computesInline, COUNT_CAP, refreshAgreement } from "@/lib/server/agreement/agreement-snapshots";
import { SLICE_DIMENSIONS } from "@/lib/server/agreement/compute-agreement";
import { OUTLIER_RULES } from "@/lib/domain/agreement/annotator-quality";
import { recomputeAgreementAction } from "./actions";
import { timeText } from "@/lib/domain/time-text";
import { sliceKeyLabel } from "@/lib/domain/labels";

export const metadata: Metadata = { title: "Agreement" };

const DIMENSION_TITLES = { kind: "By artifact kind", flavor: "By social Q&A flavor", platform: "By platform", week: "By week (of the item's latest verdict)" } as const;

export default async function AgreementPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { user, id, project } = await requireProjectPage("stats:read", projectId, `/projects/${projectId}/agreement`);
  let { ready, latest } = await agreementSnapshots(id);
  const busy = latest?.status === "running" && !latest.stalled;
  let fresh = await agreementFreshness(id, ready);
  if (!busy && fresh.stale && (await computesInline(id))) {
    // a small project: bring the figures up to date on the spot
    try {
      await refreshAgreement(id, { actorId: user.id, actorLabel: user.email });
    } catch (e) {
      if (toAppError(e).code !== "conflict") throw e; // another request is computing it
    }
    ({ ready, latest } = await agreementSnapshots(id));
    fresh = await agreementFreshness(id, ready);
  }
  const running = latest?.status === "running" && !latest.stalled;
  const r = ready?.result;

  return (
    <div className="space-y-8">
      <RunPoller active={running} />
      <div className="flex flex-wrap items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold">{project.name}: agreement</h1>
        <Link href={`/projects/${id}/agreement/disagreements`} className="text-sm text-indigo-700 hover:underline">
          Disagreement explorer →
        </Link>
      </div>

      <section className="space-y-2 text-sm text-slate-700" data-testid="agreement-freshness">
        {ready && r && (
          <p>
            From {r.verdicts.toLocaleString("en")} live verdicts on {r.items.toLocaleString("en")} items ({r.pairableItems.toLocaleString("en")} with two or more, the ones agreement uses), labels as{" "}
            {r.labelMode === "binary" ? "accept (with edits) or reject" : "accept, edit or reject"}; computed {ready.finishedAt ? timeText(ready.finishedAt) : ""} UTC in {r.seconds} s. Intervals:{" "}
            {r.overall.interval.resamples} bootstrap resamples of items.
            {fresh.stale && (
              <span className="text-amber-800">
                {" "}
                Since then: {fresh.newVerdicts >= COUNT_CAP ? "over " : ""}
                {fresh.newVerdicts.toLocaleString("en")} new verdicts, {fresh.newAdjudications.toLocaleString("en")} adjudications
                {fresh.labelModeChanged ? ", and the label mode changed" : ""}.
              </span>
            )}
          </p>
        )}
        {running && latest && <JobProgress run={latest} requested="Agreement" doing="Computing agreement" label="Agreement computed so far" unit="artifacts bootstrapped" />}
        {latest?.status === "failed" && <p className="text-rose-700">The last computation failed: {latest.error}</p>}
        {latest?.stalled && <p className="text-rose-700">The computation started {timeText(latest.createdAt)} stopped responding; start it again.</p>}
        {!running && (fresh.stale || !ready) && <RecomputeForm projectId={id} action={recomputeAgreementAction} label={ready ? "Recompute now" : "Compute agreement"} />}
      </section>

      {!r ? (
        !running && <p className="text-slate-600">No agreement figures yet: they need items with verdicts from two or more annotators.</p>
      ) : r.pairableItems === 0 ? (
        <p className="text-slate-600" data-testid="agreement-empty">
          No item has verdicts from two annotators yet, so there is nothing to agree on. Raise the project&apos;s overlap in its settings to have items reviewed twice.
        </p>
      ) : (
        <>
          <section>
            <h2 className="mb-2 text-lg font-semibold">Overall</h2>
            <StatisticCards report={r.overall} />
          </section>
          {SLICE_DIMENSIONS.filter((dim) => r.slices[dim].length > 0).map((dim) => (
            <section key={dim}>
              <h2 className="mb-2 text-lg font-semibold">{DIMENSION_TITLES[dim]}: Krippendorff&apos;s α with 95% intervals</h2>
              <IntervalChart
                testId={`agreement-chart-${dim}`}
                label={`Krippendorff's alpha ${DIMENSION_TITLES[dim].toLowerCase()}`}
                rows={r.slices[dim].map((s) => ({
                  key: sliceKeyLabel(dim, s.key),
                  value: s.report.krippendorffAlpha?.value ?? null,
                  low: s.report.krippendorffAlpha?.low ?? null,
                  high: s.report.krippendorffAlpha?.high ?? null,
                  items: s.report.krippendorffAlpha?.items ?? 0,
                  reason: s.report.notDefined.krippendorffAlpha,
                }))}
              />
              <details className="mt-1">
                <summary className="cursor-pointer text-sm text-slate-600">All statistics as a table</summary>
                <SliceTable dimension={dim} slices={r.slices[dim]} />
              </details>
            </section>
          ))}
          <section className="grid items-start gap-8 lg:grid-cols-2">
            <div>
              <h2 className="mb-2 text-lg font-semibold">Annotator pairs</h2>
              <PairHeatmap annotators={r.annotators} pairs={r.pairs} />
            </div>
            <div>
              <h2 className="mb-2 text-lg font-semibold">Where labels part ways</h2>
              <LabelPairs categories={r.overall.categories} counts={r.labelPairs} />
            </div>
          </section>
        </>
      )}
      {r && (
        <section>
          <h2 className="mb-2 text-lg font-semibold">Annotator quality</h2>
          <QualityTable projectId={id} rows={r.quality} />
          <p className="mt-1 text-xs text-slate-500">{outlierRulesText()}</p>
        </section>
      )}
    </div>
  );
}

function outlierRulesText(): string {
  const r = OUTLIER_RULES;
  const points = (x: number) => Math.round(x * 100);
  return (
    `Flags need ${r.minVerdicts} verdicts: gold accuracy under ${points(r.goldAccuracyBelow)}% (${r.minGold} gold or more), agreement with the final label ` +
    `${points(r.finalAgreementGap)} points under the peers' median, a reject rate ${points(r.rejectRateGap)} points off it, or a median time under ` +
    `${points(r.speedShare)}% of the peers'. Peers are the other annotators with ${r.minVerdicts} verdicts or more.`
  );
}
