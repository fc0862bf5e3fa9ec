import Link from "next/link";
import type { AnnotatorQuality } from "@/lib/domain/agreement/annotator-quality";
import { percent } from "./format";

const rate = (value: number | null, n: number) => (value === null ? "–" : `${percent(value)} of ${n.toLocaleString("en")}`);

/** One row per annotator; outliers in red with the rule they broke; the name opens their disagreements. */
export function QualityTable({ projectId, rows }: { projectId: number; rows: AnnotatorQuality[] }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No verdicts yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="annotator-quality">
        <thead className="text-left text-slate-600">
          <tr>
            <th className="py-1 pr-3">annotator</th>
            <th className="pr-3">verdicts</th>
            <th className="pr-3">per active day</th>
            <th className="pr-3">median s</th>
            <th className="pr-3">gold accuracy</th>
            <th className="pr-3">agrees with final</th>
            <th className="pr-3">reject rate (peers)</th>
            <th>flags</th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {rows.map((q) => (
            <tr key={q.accountId} className={`border-t border-slate-100 align-top ${q.outliers.length ? "bg-rose-50" : ""}`} data-testid="quality-row">
              <td className="py-1 pr-3">
                <Link href={`/projects/${projectId}/agreement/disagreements?annotator=${q.accountId}`} className="text-indigo-700 hover:underline" title="Show this annotator's disagreements">
                  {q.email}
                </Link>
              </td>
              <td className="pr-3">{q.verdicts.toLocaleString("en")}</td>
              <td className="pr-3">{q.perActiveDay.toFixed(1)}</td>
              <td className="pr-3">{q.medianSeconds === null ? "–" : q.medianSeconds.toFixed(1)}</td>
              <td className="pr-3">{rate(q.goldAccuracy, q.gold)}</td>
              <td className="pr-3">{rate(q.finalAgreement, q.final)}</td>
              <td className="pr-3">
                {percent(q.rejectRate)} ({percent(q.peerRejectRate)})
              </td>
              <td className="text-rose-800">{q.outliers.length ? q.outliers.join("; ") : <span className="text-slate-400">none</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
