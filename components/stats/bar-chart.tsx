import { dayAxis } from "@/lib/domain/day-axis";

/** A small SVG bar chart with a line for a running total, bars placed by date: enough for "how are we doing over time". */
export function DailyChart({ data, label }: { data: { day: string; verdicts: number; finalized: number }[]; label: string }) {
  if (data.length === 0) return <p className="text-sm text-slate-500">No verdicts yet.</p>;
  const width = 640;
  const height = 190;
  const pad = 32;
  const axis = dayAxis(data.map((d) => d.day));
  const maxBar = Math.max(1, ...data.map((d) => d.verdicts));
  const cumulative = data.reduce<number[]>((sums, d) => [...sums, (sums.at(-1) ?? 0) + d.finalized], []);
  const maxLine = Math.max(1, cumulative.at(-1) ?? 0);
  const step = (width - 2 * pad) / axis.span;
  const x = (day: string) => pad + step * axis.offset(day);
  const y = (v: number, max: number) => height - pad - (v / max) * (height - 2 * pad);
  const line = cumulative.map((c, i) => `${x(data[i].day) + step / 2},${y(c, maxLine)}`).join(" ");
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="w-full max-w-3xl">
        <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke="#cbd5e1" />
        {data.map((d) => (
          <rect key={d.day} data-day={d.day} x={x(d.day) + step * 0.1} y={y(d.verdicts, maxBar)} width={Math.max(1, step * 0.8)} height={height - pad - y(d.verdicts, maxBar)} fill="#a5b4fc">
            <title>{`${d.day}: ${d.verdicts} verdicts, ${d.finalized} artifacts finalized`}</title>
          </rect>
        ))}
        <polyline points={line} fill="none" stroke="#059669" strokeWidth={2} />
        <text x={pad} y={14} fontSize={12} fill="#475569">
          bars: verdicts per day (max {maxBar}) · line: artifacts final so far ({cumulative.at(-1) ?? 0})
        </text>
        {axis.ticks.map((t) => (
          <g key={t.day}>
            <line x1={pad + step * (t.offset + 0.5)} x2={pad + step * (t.offset + 0.5)} y1={height - pad} y2={height - pad + 4} stroke="#94a3b8" />
            <text x={pad + step * (t.offset + 0.5)} y={height - 10} fontSize={11} fill="#475569" textAnchor="middle">
              {t.day.slice(5)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
