"use client";

import type { ReactNode } from "react";
import type { FieldChange } from "@/lib/domain/content-diff";
import { fieldLabel } from "@/lib/domain/field-label";
import { DiffList } from "./diff-list";

/** One field in edit mode: its label, the original with its marks (children), and the box to correct it in. */
export function EditField({ field, text, first, onChange, children }: { field: string; text: string; first: boolean; onChange: (field: string, value: string) => void; children?: ReactNode }) {
  return (
    <div className="mt-3">
      <span id={`label-${field}`} className="text-xs font-medium text-slate-500">
        {fieldLabel(field)}
      </span>
      {children && <div className="mt-1 max-h-32 overflow-y-auto rounded bg-white/70 px-2 py-1 text-xs text-slate-600">{children}</div>}
      <textarea
        data-edit-field={field}
        aria-labelledby={`label-${field}`}
        autoFocus={first}
        onFocus={(e) => e.currentTarget.setSelectionRange(e.currentTarget.value.length, e.currentTarget.value.length)}
        value={text}
        onChange={(e) => onChange(field, e.target.value)}
        rows={Math.min(10, Math.max(2, Math.ceil(text.length / 80)))}
        className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1 font-[inherit]"
      />
    </div>
  );
}

/** The changes an edit has made so far, word by word. */
export function EditDiff({ changes }: { changes: FieldChange[] }) {
  return (
    <div className="mt-3" data-testid="edit-diff">
      <p className="text-xs font-medium text-slate-600">{changes.length === 0 ? "No changes yet." : `Changes (${changes.length}):`}</p>
      <DiffList changes={changes} boxed />
    </div>
  );
}
