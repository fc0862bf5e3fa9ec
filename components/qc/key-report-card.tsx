import type { JudgeMetric, Thresholds } from "@/lib/domain/kinds";
import type { CalibrationReport } from "@/lib/views/qc";
import { EstimateText } from "./estimate";
import { ScoreHistogram } from "./score-histogram";
import { SweepChart } from "./sweep-chart";
import { rubricKeyLabel, words } from "@/lib/domain/labels";
import { decimal } from "@/lib/domain/number-text";

type KeyReport = CalibrationReport["keys"][number];

const pct = (v: number | null) => (v === null ? "–" : `${decimal(v * 100, 1)}%`);

/** Everything calibration found for one rubric key: the rule against people, each metric, the reasons, the proposal. */
export function KeyReportCard({ r, current }: { r: KeyReport; current: Thresholds }) {
  const n = r.labels.accepted + r.labels.rejected;
  const p = r.proposal.status === "proposed" ? r.proposal : null;
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm" id={`calibration-${r.key}`} data-testid={`calibration-${r.key}`} aria-label={`Calibration of ${r.key}`}>
      <h2 className="text-lg font-semibold">
        {rubricKeyLabel(r.key)}{" "}
        <span className="text-sm font-normal text-slate-500">
          rests on {n} labels: {r.labels.accepted} accepted, {r.labels.rejected} rejected by people
        </span>
      </h2>
      <div className="grid gap-4 lg:grid-cols-2">
        <table className="text-left" aria-label={`Rule against people, ${r.key}`}>
          <thead className="text-slate-500">
            <tr>
              <th className="pr-3">rule says</th>
              <th className="pr-3 text-right">people accepted</th>
              <th className="text-right">people rejected</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            <tr>
              <td className="pr-3">pass</td>
              <td className="pr-3 text-right">{r.confusion.tp}</td>
              <td className="text-right text-rose-700">{r.confusion.fp}</td>
            </tr>
            <tr>
              <td className="pr-3">fail</td>
              <td className="pr-3 text-right text-rose-700">{r.confusion.fn}</td>
              <td className="text-right">{r.confusion.tn}</td>
            </tr>
          </tbody>
        </table>
        <table className="text-left" aria-label={`Precision and recall, ${r.key}`}>
          <thead className="text-slate-500">
            <tr>
              <th />
              <th className="pr-2">precision</th>
              <th className="pr-2">recall</th>
              <th>F1</th>
            </tr>
          </thead>
          <tbody>
            {(["pass", "fail"] as const).map((c) => (
              <tr key={c}>
                <td className="pr-2 font-medium">{c}</td>
                <td className="pr-2">
                  <EstimateText e={r.scores[c].precision} />
                </td>
                <td className="pr-2">
                  <EstimateText e={r.scores[c].recall} />
                </td>
                <td>
                  <EstimateText e={r.scores[c].f1} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div>
        <h3 className="font-medium">Judge metrics: how well each separates accepts from rejects</h3>
        <p className="text-xs text-slate-500">Lines: precision (indigo) and recall (green) of auto-accepting by that metric alone at each threshold; dashed: current (grey) and proposed (amber).</p>
        <div className="mt-1 flex flex-wrap gap-4">
          {r.metrics.map((m) => (
            <figure key={m.metric} className="rounded border border-slate-100 p-2">
              <figcaption className="text-xs">
                <span className="font-medium">{m.metric}</span> · AUC <EstimateText e={m.auc} />
              </figcaption>
              <SweepChart points={m.sweep} current={current[m.metric]} proposed={p?.accept.thresholds[m.metric]} label={`Threshold sweep of ${m.metric} for ${r.key}`} />
            </figure>
          ))}
        </div>
      </div>

      {r.reasons.length > 0 && (
        <div>
          <h3 className="font-medium">Rejected for a reason: what the matching metric said</h3>
          <p className="text-xs text-slate-500">Red: artifacts people rejected for the reason; green: accepted ones. Red bars at high scores are where the judge is blind.</p>
          <div className="mt-1 flex flex-wrap gap-4">
            {r.reasons.map((x) => (
              <figure key={x.reason} className="rounded border border-slate-100 p-2">
                <figcaption className="text-xs">
                  <span className="font-medium">{words(x.reason)}</span> vs {x.metric} ({x.rejectedFor.reduce((a, b) => a + b, 0)} rejected)
                </figcaption>
                <ScoreHistogram a={x.rejectedFor} b={x.accepted} labelA={`rejected for ${x.reason}`} labelB="accepted" label={`${x.metric} scores of artifacts rejected for ${x.reason}`} />
              </figure>
            ))}
          </div>
        </div>
      )}

      <div>
        <h3 className="font-medium">Proposal</h3>
        {r.proposal.status === "too_few" ? (
          <p className="text-slate-600" data-testid="too-few">
            Not enough labels to propose thresholds: {r.proposal.message}.
          </p>
        ) : (
          p && <ProposalTable metrics={r.metrics.map((m) => m.metric)} current={current} proposal={p} effect={r.effect} />
        )}
      </div>
    </section>
  );
}

function ProposalTable({
  metrics,
  current,
  proposal,
  effect,
}: {
  metrics: JudgeMetric[];
  current: Thresholds;
  proposal: Extract<KeyReport["proposal"], { status: "proposed" }>;
  effect: KeyReport["effect"];
}) {
  const changed = (m: JudgeMetric) => proposal.accept.thresholds[m] !== current[m];
  return (
    <div className="space-y-1">
      <table className="text-left" aria-label="Proposed thresholds">
        <thead className="text-slate-500">
          <tr>
            <th className="pr-4">metric</th>
            <th className="pr-4">pass at (now)</th>
            <th className="pr-4">pass at (proposed)</th>
            <th>auto-reject below (proposed)</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {metrics.map((m) => (
            <tr key={m}>
              <td className="pr-4">{m}</td>
              <td className="pr-4">{current[m] ?? "–"}</td>
              <td className={`pr-4 ${changed(m) ? "font-semibold text-amber-700" : ""}`}>{proposal.accept.thresholds[m] === 11 ? "never" : proposal.accept.thresholds[m]}</td>
              <td>{proposal.reject.thresholds[m] ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-600">
        Auto-accept:{" "}
        {proposal.accept.reachable
          ? `precision ${pct(proposal.accept.at.precision)}, recall ${pct(proposal.accept.at.recall)} (${proposal.accept.at.decided} labels)`
          : "no thresholds reach the target; nothing would be accepted without a person"}
        . Auto-reject:{" "}
        {proposal.reject.reachable ? `precision ${pct(proposal.reject.at.precision)}, recall ${pct(proposal.reject.at.recall)} (${proposal.reject.at.decided} labels)` : "none reaches the target"}.
      </p>
      {effect && (
        <p className="text-xs text-slate-600" data-testid="effect">
          On the {effect.open} judged artifacts still open: {effect.passNow} pass now, {effect.passProposed} would pass; {effect.changed} would change outcome, {effect.autoRejected} would be rejected
          without a person.
        </p>
      )}
    </div>
  );
}
