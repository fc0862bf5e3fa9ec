import type { SweepPoint } from "@/lib/domain/qc/proposal";

/** Precision (indigo) and recall (green) of auto-accepting by one metric at each threshold, with the current and proposed thresholds marked. */
export function SweepChart({ points, current, proposed, label }: { points: SweepPoint[]; current?: number; proposed?: number; label: string }) {
  const width = 220;
  const height = 110;
  const pad = 18;
  const x = (t: number) => pad + ((t - 1) / 9) * (width - 2 * pad);
  const y = (v: number) => height - pad - v * (height - 2 * pad);
  const path = (pick: (p: SweepPoint) => number | null) =>
    points
      .filter((p) => pick(p) !== null)
      .map((p) => `${x(p.threshold)},${y(pick(p)!)}`)
      .join(" ");
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="w-56">
      <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke="#cbd5e1" />
      <line x1={pad} y1={pad} x2={pad} y2={height - pad} stroke="#cbd5e1" />
      {current !== undefined && <line x1={x(current)} x2={x(current)} y1={pad} y2={height - pad} stroke="#94a3b8" strokeDasharray="3 2" />}
      {proposed !== undefined && proposed <= 10 && <line x1={x(proposed)} x2={x(proposed)} y1={pad} y2={height - pad} stroke="#f59e0b" strokeDasharray="3 2" />}
      <polyline points={path((p) => p.precision)} fill="none" stroke="#4f46e5" strokeWidth={2} />
      <polyline points={path((p) => p.recall)} fill="none" stroke="#059669" strokeWidth={2} />
      {[1, 5, 10].map((t) => (
        <text key={t} x={x(t)} y={height - 4} fontSize={11} textAnchor="middle" fill="#64748b">
          {t}
        </text>
      ))}
      <text x={2} y={pad + 3} fontSize={11} fill="#64748b">
        1
      </text>
      <text x={2} y={height - pad} fontSize={11} fill="#64748b">
        0
      </text>
    </svg>
  );
}
