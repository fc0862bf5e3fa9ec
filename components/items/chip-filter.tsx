"use client";

import { words } from "@/lib/domain/labels";

/** A group of toggle chips for a multi-valued filter: none pressed means "any". */
export function ChipFilter({
  label,
  values,
  selected,
  onChange,
  labelOf = words,
}: {
  label: string;
  values: readonly string[];
  selected: readonly string[];
  onChange: (next: string[]) => void;
  labelOf?: (value: string) => string;
}) {
  return (
    <div role="group" aria-label={label} className="flex flex-wrap items-center gap-1">
      <span className="w-20 shrink-0 text-xs font-medium text-slate-500">{label}</span>
      {values.map((v) => {
        const on = selected.includes(v);
        return (
          <button
            key={v}
            type="button"
            aria-pressed={on}
            onClick={() => onChange(on ? selected.filter((s) => s !== v) : [...selected, v])}
            className={`rounded-full border px-2 py-0.5 text-xs ${on ? "border-indigo-600 bg-indigo-50 text-indigo-800" : "border-slate-300 text-slate-700 hover:bg-slate-100"}`}
          >
            {labelOf(v)}
          </button>
        );
      })}
    </div>
  );
}
