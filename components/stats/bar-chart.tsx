/** A small SVG bar chart with a line for a running total: enough for "how are we doing over time". */
export function DailyChart({ data, label }: { data: { day: string; verdicts: number; finalized: number }[]; label: string }) {
  if (data.length === 0) return <p className="text-sm text-slate-500">No verdicts yet.</p>;
  const width = 640;
  const height = 180;
  const pad = 28;
  const maxBar = Math.max(1, ...data.map((d) => d.verdicts));
  const cumulative = data.reduce<number[]>((sums, d) => [...sums, (sums.at(-1) ?? 0) + d.finalized], []);
  const maxLine = Math.max(1, cumulative.at(-1) ?? 0);
  const step = (width - 2 * pad) / data.length;
  const y = (v: number, max: number) => height - pad - (v / max) * (height - 2 * pad);
  const line = cumulative.map((c, i) => `${pad + step * (i + 0.5)},${y(c, maxLine)}`).join(" ");
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="w-full max-w-3xl">
        <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke="#cbd5e1" />
        {data.map((d, i) => (
          <rect key={d.day} x={pad + step * i + 1} y={y(d.verdicts, maxBar)} width={Math.max(1, step - 2)} height={height - pad - y(d.verdicts, maxBar)} fill="#a5b4fc">
            <title>{`${d.day}: ${d.verdicts} verdicts, ${d.finalized} artifacts finalized`}</title>
          </rect>
        ))}
        <polyline points={line} fill="none" stroke="#059669" strokeWidth={2} />
        <text x={pad} y={14} fontSize={11} fill="#475569">
          bars: verdicts per day (max {maxBar}) · line: artifacts final so far ({cumulative.at(-1) ?? 0})
        </text>
        <text x={pad} y={height - 8} fontSize={10} fill="#64748b">
          {data[0].day}
        </text>
        <text x={width - pad} y={height - 8} fontSize={10} fill="#64748b" textAnchor="end">
          {data[data.length - 1].day}
        </text>
      </svg>
    </figure>
  );
}
