import type { AgreementSlice } from "@/lib/views/agreement";
import { fixed } from "./format";
import { sliceKeyLabel } from "@/lib/domain/labels";

const interval = (e: { low: number | null; high: number | null } | null) => (e && e.low !== null ? `${fixed(e.low)} to ${fixed(e.high)}` : "");

/** The figures behind a slice chart: every statistic of every slice, with intervals and counts. */
export function SliceTable({ dimension, slices }: { dimension: string; slices: AgreementSlice[] }) {
  return (
    <table className="w-full text-sm" data-testid={`slice-table-${dimension}`}>
      <thead className="text-left text-slate-600">
        <tr>
          <th className="py-1 pr-3">{dimension}</th>
          <th className="pr-3">items</th>
          <th className="pr-3">α</th>
          <th className="pr-3">95% interval</th>
          <th className="pr-3">Fleiss&apos; κ</th>
          <th className="pr-3">agreement</th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {slices.map(({ key, report: r }) => (
          <tr key={key} className="border-t border-slate-100">
            <td className="py-1 pr-3">{sliceKeyLabel(dimension, key)}</td>
            <td className="pr-3">{r.items.toLocaleString("en")}</td>
            <td className="pr-3" title={r.notDefined.krippendorffAlpha}>
              {r.krippendorffAlpha ? fixed(r.krippendorffAlpha.value) : "not defined"}
            </td>
            <td className="pr-3">{interval(r.krippendorffAlpha)}</td>
            <td className="pr-3" title={r.notDefined.fleissKappa}>
              {r.fleissKappa ? `${fixed(r.fleissKappa.value)} (${interval(r.fleissKappa)})` : "–"}
            </td>
            <td className="pr-3">{r.percentAgreement ? `${fixed(r.percentAgreement.value)} (${interval(r.percentAgreement)})` : "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
