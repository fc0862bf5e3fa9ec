/** Two score distributions (1-10) side by side as bars, each scaled to its own total, so shapes compare. */
export function ScoreHistogram({ a, b, labelA, labelB, label }: { a: number[]; b: number[]; labelA: string; labelB: string; label: string }) {
  const width = 220;
  const height = 70;
  const pad = 12;
  const totalA = Math.max(
    1,
    a.reduce((s, v) => s + v, 0),
  );
  const totalB = Math.max(
    1,
    b.reduce((s, v) => s + v, 0),
  );
  const max = Math.max(0.01, ...a.map((v) => v / totalA), ...b.map((v) => v / totalB));
  const step = (width - 2 * pad) / 10;
  const bar = (share: number) => (share / max) * (height - 2 * pad);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="w-56">
      {Array.from({ length: 10 }, (_, i) => i + 1).map((s) => (
        <g key={s}>
          <rect x={pad + step * (s - 1) + 1} y={height - pad - bar((a[s] ?? 0) / totalA)} width={step / 2 - 1} height={bar((a[s] ?? 0) / totalA)} fill="#f43f5e">
            <title>{`${labelA}, score ${s}: ${a[s] ?? 0}`}</title>
          </rect>
          <rect x={pad + step * (s - 1) + step / 2} y={height - pad - bar((b[s] ?? 0) / totalB)} width={step / 2 - 1} height={bar((b[s] ?? 0) / totalB)} fill="#10b981">
            <title>{`${labelB}, score ${s}: ${b[s] ?? 0}`}</title>
          </rect>
          {(s === 1 || s === 5 || s === 10) && (
            <text x={pad + step * (s - 0.5)} y={height - 1} fontSize={11} textAnchor="middle" fill="#64748b">
              {s}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
