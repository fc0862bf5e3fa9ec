import type { PairAgreement } from "@/lib/domain/agreement/pairwise";
import { agreementColor, fixed, percent } from "./format";

/** Cohen's kappa of every annotator pair as a grid (rows and columns: annotators); empty where a pair shares no item. */
export function PairHeatmap({ annotators, pairs }: { annotators: { id: number; email: string }[]; pairs: PairAgreement[] }) {
  if (pairs.length === 0) return <p className="text-sm text-slate-500">No two annotators have rated the same item yet.</p>;
  const cell = new Map(
    pairs.flatMap(
      (p) =>
        [
          [`${p.first}:${p.second}`, p],
          [`${p.second}:${p.first}`, p],
        ] as const,
    ),
  );
  const order = annotators.map((a, i) => ({ ...a, i })).sort((a, b) => a.email.localeCompare(b.email));
  const short = (email: string) => email.split("@")[0];
  return (
    <div className="overflow-x-auto">
      <table className="border-separate border-spacing-0.5 text-xs" data-testid="pair-heatmap">
        <caption className="mb-1 text-left text-sm text-slate-600">Cohen&apos;s κ of each pair on the items both rated (hover for counts)</caption>
        <thead>
          <tr>
            <th />
            {order.map((a) => (
              <th key={a.id} scope="col" className="max-w-20 truncate px-1 font-medium text-slate-600" title={a.email}>
                {short(a.email)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {order.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="pr-2 text-right font-medium text-slate-600" title={row.email}>
                {short(row.email)}
              </th>
              {order.map((col) => {
                if (col.i === row.i) return <td key={col.id} className="h-8 w-14 bg-slate-50" />;
                const p = cell.get(`${row.i}:${col.i}`);
                if (!p)
                  return (
                    <td key={col.id} className="h-8 w-14 bg-white text-center text-slate-300" title="no item in common">
                      ·
                    </td>
                  );
                return (
                  <td
                    key={col.id}
                    className={`h-8 w-14 text-center tabular-nums ${agreementColor(p.kappa)}`}
                    title={`${row.email} and ${col.email}: κ ${p.kappa === null ? `not defined (${p.reason})` : fixed(p.kappa)}, agree on ${percent(p.agreement)} of ${p.items} items`}
                  >
                    {p.kappa === null ? "–" : fixed(p.kappa)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
