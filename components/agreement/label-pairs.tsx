/**
 * Which labels meet on one item: each pair of verdicts counted once, the diagonal being agreement.
 * Shading grows with the count, so where people part ways stands out.
 */
export function LabelPairs({ categories, counts }: { categories: string[]; counts: number[][] }) {
  const total = counts.reduce((n, row, i) => n + row.reduce((m, c, j) => m + (j >= i ? c : 0), 0), 0);
  if (total === 0) return <p className="text-sm text-slate-500">No pairs of verdicts yet.</p>;
  const max = Math.max(...counts.flat());
  return (
    <table className="text-sm" data-testid="label-pairs">
      <caption className="mb-1 text-left text-sm text-slate-600">Pairs of verdicts on one item, by the two labels ({total.toLocaleString("en")} pairs)</caption>
      <thead>
        <tr>
          <th />
          {categories.map((c) => (
            <th key={c} scope="col" className="px-3 py-1 font-medium text-slate-600">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {categories.map((row, i) => (
          <tr key={row}>
            <th scope="row" className="px-3 py-1 text-right font-medium text-slate-600">
              {row}
            </th>
            {categories.map((col, j) => {
              const n = counts[i][j];
              const alpha = max ? 0.08 + (0.7 * n) / max : 0;
              const color = i === j ? `rgba(16, 185, 129, ${alpha})` : `rgba(244, 63, 94, ${alpha})`;
              return (
                <td key={col} className="px-3 py-1 text-center tabular-nums" style={{ backgroundColor: color }} title={`${row} with ${col}: ${n} pairs`}>
                  {n.toLocaleString("en")}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
