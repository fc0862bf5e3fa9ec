import { fixed } from "./format";
import { decimal } from "@/lib/domain/number-text";

export interface IntervalRow {
  key: string;
  value: number | null;
  low: number | null;
  high: number | null;
  items: number;
  /** why value is null */
  reason?: string;
}

/**
 * A forest plot: one row per slice, the estimate as a dot and its bootstrap interval as a bar, on
 * one scale from the lowest bound (at most 0) to 1, so slices compare at a glance. Hover for figures.
 */
export function IntervalChart({ rows, label, testId }: { rows: IntervalRow[]; label: string; testId?: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">No items with two verdicts here yet.</p>;
  const width = 640;
  const labelWidth = 150;
  const right = 90;
  const rowHeight = 22;
  const height = rows.length * rowHeight + 28;
  const min = Math.min(0, ...rows.flatMap((r) => [r.low ?? r.value ?? 0]));
  const x = (v: number) => labelWidth + ((v - min) / (1 - min)) * (width - labelWidth - right);
  const ticks = [min, ...[0, 0.2, 0.4, 0.6, 0.8, 1].filter((t) => t > min + 0.05)];
  return (
    <figure data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="w-full max-w-3xl">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} y1={4} x2={x(t)} y2={height - 20} stroke={t === 0 ? "#94a3b8" : "#e2e8f0"} />
            <text x={x(t)} y={height - 6} fontSize={11} fill="#64748b" textAnchor="middle">
              {decimal(t, 1)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = 4 + i * rowHeight + rowHeight / 2;
          return (
            <g key={r.key}>
              <title>{r.value === null ? `${r.key}: not defined (${r.reason ?? "no data"})` : `${r.key}: ${fixed(r.value)} (95% ${fixed(r.low)} to ${fixed(r.high)}), ${r.items} items`}</title>
              <text x={labelWidth - 8} y={y + 4} fontSize={11} fill="#334155" textAnchor="end">
                {r.key.length > 22 ? `${r.key.slice(0, 21)}…` : r.key}
              </text>
              {r.value !== null && r.low !== null && r.high !== null && <line x1={x(r.low)} x2={x(r.high)} y1={y} y2={y} stroke="#6366f1" strokeWidth={3} strokeLinecap="round" />}
              {r.value !== null && <circle cx={x(r.value)} cy={y} r={4.5} fill="#312e81" />}
              <text x={width - right + 8} y={y + 4} fontSize={11} fill="#334155">
                {r.value === null ? "not defined" : `${fixed(r.value)} · ${r.items}`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
