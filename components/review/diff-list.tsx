import type { FieldChange } from "@/lib/domain/content-diff";
import { fieldLabel } from "@/lib/domain/field-label";
import { wordDiff } from "@/lib/domain/word-diff";

/** One field's change as running text: the words taken out struck through, the words put in marked, the rest as it was. */
export function WordDiff({ before, after }: { before: string | null; after: string | null }) {
  if (before === null) return <ins className="bg-emerald-100 text-emerald-900 no-underline">{after}</ins>;
  if (after === null) return <del className="bg-rose-100 text-rose-800">{before}</del>;
  return (
    <>
      {wordDiff(before, after).map((p, i) =>
        p.op === "same" ? (
          <span key={i}>{p.text}</span>
        ) : p.op === "del" ? (
          <del key={i} className="bg-rose-100 text-rose-800" data-diff="del">
            {p.text}
          </del>
        ) : (
          <ins key={i} className="bg-emerald-100 text-emerald-900 no-underline" data-diff="ins">
            {p.text}
          </ins>
        ),
      )}
    </>
  );
}

/** An edit's changes, field by field, word by word; in review, adjudication and the artifact view alike. */
export function DiffList({ changes, boxed = false }: { changes: FieldChange[]; boxed?: boolean }) {
  return (
    <>
      {changes.map((c) => (
        <div key={c.field} className={`mt-1 text-xs ${boxed ? "rounded bg-white p-2" : ""}`} data-testid="field-diff">
          <p className="font-medium">
            {fieldLabel(c.field)}
            {c.before === null ? " (added)" : c.after === null ? " (removed)" : ""}
          </p>
          <p className="whitespace-pre-wrap leading-relaxed">
            <WordDiff before={c.before} after={c.after} />
          </p>
        </div>
      ))}
    </>
  );
}
