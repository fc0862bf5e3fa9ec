export interface Segment {
  label: string;
  value: number;
  color: string;
}

/** A stacked bar with a legend; each segment's share of the total is its width. */
export function ProgressBar({ segments, label, className = "" }: { segments: Segment[]; label: string; className?: string }) {
  const total = segments.reduce((a, s) => a + s.value, 0);
  return (
    <div className={className}>
      <div role="img" aria-label={label} className="flex h-3 overflow-hidden rounded-full bg-slate-100">
        {total > 0 && segments.filter((s) => s.value > 0).map((s) => <div key={s.label} className={s.color} style={{ width: `${(100 * s.value) / total}%` }} title={`${s.label}: ${s.value}`} />)}
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
        {segments.map((s) => (
          <li key={s.label} className="flex items-center gap-1">
            <span className={`inline-block h-2 w-2 rounded-full ${s.color}`} />
            {s.label} {s.value.toLocaleString("en")}
          </li>
        ))}
      </ul>
    </div>
  );
}
