"use client";

import type { FieldChange } from "@/lib/domain/content-diff";
import { DiffList } from "./diff-list";

/** The artifact's text fields as editable boxes, with the diff against the original as it grows. */
export function ArtifactEditor({ fields, changes, onChange }: { fields: { field: string; text: string }[]; changes: FieldChange[]; onChange: (field: string, value: string) => void }) {
  return (
    <section aria-label="Edit the artifact" className="min-h-0 overflow-y-auto rounded border border-amber-300 bg-amber-50/40 p-4 text-sm">
      <p className="text-xs text-amber-800">Editing: correct the fields, then submit with a reason. Esc leaves a field; Ctrl+Enter submits.</p>
      {fields.map((f, i) => (
        <label key={f.field} className="mt-2 block">
          <span className="text-xs font-medium uppercase tracking-wide text-slate-500">{f.field}</span>
          <textarea
            data-edit-field={f.field}
            autoFocus={i === 0}
            onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
            value={f.text}
            onChange={(e) => onChange(f.field, e.target.value)}
            rows={Math.min(10, Math.max(2, Math.ceil(f.text.length / 80)))}
            className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 font-[inherit]"
          />
        </label>
      ))}
      <div className="mt-3" data-testid="edit-diff">
        <p className="text-xs font-medium text-slate-600">{changes.length === 0 ? "No changes yet." : `Changes (${changes.length}):`}</p>
        <DiffList changes={changes} boxed />
      </div>
    </section>
  );
}
