import type { KeyState } from "@/lib/domain/qc/calibration-state";

/** The kinds at the top of the calibration page, each with its state, each a link to its section. */
export function CalibrationNav({ states, reported }: { states: KeyState[]; reported: ReadonlySet<string> }) {
  if (states.length === 0) return null;
  return (
    <nav aria-label="Kinds" className="rounded border border-slate-200 bg-white p-3 text-sm" data-testid="kinds-nav">
      <ul className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
        {states.map((s) => (
          <li key={s.key} className="flex items-center gap-2" data-testid="kind-state">
            <span className={`inline-block h-2 w-2 rounded-full ${s.ready ? "bg-emerald-500" : "bg-amber-400"}`} aria-hidden />
            {reported.has(s.key) ? (
              <a href={`#calibration-${s.key}`} className="text-indigo-700 hover:underline">
                {s.text}
              </a>
            ) : (
              <span className="text-slate-600">{s.text}</span>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
