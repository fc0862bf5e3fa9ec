import type { FieldChange } from "@/lib/domain/content-diff";

/** An edit's changes, field by field: what was there struck through, what replaces it below. */
export function DiffList({ changes, boxed = false }: { changes: FieldChange[]; boxed?: boolean }) {
  return (
    <>
      {changes.map((c) => (
        <div key={c.field} className={`mt-1 text-xs ${boxed ? "rounded bg-white p-2" : ""}`}>
          <p className="font-medium">{c.field}</p>
          {c.before !== null && <p className="text-rose-700 line-through">{c.before}</p>}
          {c.after !== null && <p className="text-emerald-700">{c.after}</p>}
        </div>
      ))}
    </>
  );
}
