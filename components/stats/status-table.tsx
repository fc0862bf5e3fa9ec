import { kindLabel, platformLabel, words } from "@/lib/domain/labels";
const STATUSES = ["pending", "in_review", "disputed", "accepted", "rejected"];

/** Rows (a kind or a platform) by review status, with totals. */
export function StatusTable({ title, rows }: { title: string; rows: { key: string; status: string; count: number }[] }) {
  const keys = [...new Set(rows.map((r) => r.key))];
  const cell = (key: string, status: string) => rows.find((r) => r.key === key && r.status === status)?.count ?? 0;
  return (
    <table className="w-full text-left text-sm" data-testid={`table-${title}`}>
      <thead className="text-slate-500">
        <tr>
          <th className="py-1">{title}</th>
          {STATUSES.map((s) => (
            <th key={s} className="text-right">
              {words(s)}
            </th>
          ))}
          <th className="text-right">total</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k} className="border-t border-slate-200">
            <td className="py-1">{title === "kind" ? kindLabel(k) : title === "platform" ? platformLabel(k) : words(k)}</td>
            {STATUSES.map((s) => (
              <td key={s} className="text-right tabular-nums">
                {cell(k, s).toLocaleString("en")}
              </td>
            ))}
            <td className="text-right font-medium tabular-nums">{STATUSES.reduce((n, s) => n + cell(k, s), 0).toLocaleString("en")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
