"use client";

import type { AlignedSentence } from "@/lib/domain/evidence";
import type { Highlight } from "@/lib/domain/highlights";
import type { ReviewItem } from "@/lib/views/review";
import { Fragment } from "react";
import { fieldLabel } from "@/lib/domain/field-label";
import type { FieldChange } from "@/lib/domain/content-diff";
import { EditField, EditDiff } from "./artifact-editor";
import { MarkedText, type Mark } from "./marked-text";

const HIGHLIGHT_STYLE: Record<Highlight["kind"], string> = {
  pii: "bg-rose-200 text-rose-900",
  leaked_name: "bg-orange-200 text-orange-900",
  length: "",
  answer_leak: "",
};

/** One content field: its sentences (selectable, unsupported ones marked) with the highlights inside. */
function Field({
  field,
  text,
  evidence,
  highlights,
  selected,
  onSelect,
  label = true,
}: {
  field: string;
  text: string;
  evidence: AlignedSentence[];
  highlights: Highlight[];
  selected: AlignedSentence | null;
  onSelect: (s: AlignedSentence) => void;
  label?: boolean;
}) {
  const marks: Mark[] = highlights
    .filter((h) => h.field === field && h.start !== undefined && HIGHLIGHT_STYLE[h.kind])
    .map((h) => ({ start: h.start!, end: h.end!, className: HIGHLIGHT_STYLE[h.kind], title: h.message }));
  const sentences = evidence.filter((e) => e.field === field);
  return (
    <div className={label ? "mt-2" : ""}>
      {label && <p className="text-xs font-medium text-slate-500">{fieldLabel(field)}</p>}
      <p className="whitespace-pre-wrap leading-relaxed" data-testid={`field-${field}`}>
        {sentences.length === 0 ? (
          <MarkedText text={text} marks={marks} />
        ) : (
          <>
            {sentences.map((s, i) => {
              const isSelected = selected === s;
              const tone = !s.checked ? "" : s.unsupported ? "underline decoration-rose-500 decoration-wavy" : "";
              // what lies between sentences is rendered from the stored text itself, never re-joined
              const gapStart = i === 0 ? 0 : sentences[i - 1].sentence.end;
              return (
                <Fragment key={s.sentence.start}>
                  {gapStart < s.sentence.start && <MarkedText text={text.slice(gapStart, s.sentence.start)} marks={marks} offset={gapStart} />}
                  <span
                    role="button"
                    tabIndex={-1}
                    onClick={() => onSelect(s)}
                    className={`cursor-pointer rounded ${tone} ${isSelected ? "bg-lime-100 ring-1 ring-lime-400" : "hover:bg-slate-100"}`}
                    title={s.checked ? (s.unsupported ? `unsupported (best match ${s.best.toFixed(2)})` : `supported (${s.best.toFixed(2)})`) : undefined}
                    data-unsupported={s.unsupported || undefined}
                  >
                    <MarkedText text={text.slice(s.sentence.start, s.sentence.end)} marks={marks} offset={s.sentence.start} />
                  </span>
                </Fragment>
              );
            })}
            {sentences[sentences.length - 1].sentence.end < text.length && (
              <MarkedText text={text.slice(sentences[sentences.length - 1].sentence.end)} marks={marks} offset={sentences[sentences.length - 1].sentence.end} />
            )}
          </>
        )}
      </p>
    </div>
  );
}

export interface Editing {
  fields: { field: string; text: string }[];
  changes: FieldChange[];
  onChange: (field: string, value: string) => void;
}

/**
 * Right: the artifact rendered per kind, with its generator, checks and (unless blind) the judge's
 * scores. In edit mode the same frame stays: each field becomes a text box under its original (with
 * its marks), and the changes so far follow the fields.
 */
export function ArtifactView({
  item,
  fields,
  selected,
  onSelect,
  editing = null,
}: {
  item: ReviewItem;
  fields: { field: string; text: string }[];
  selected: AlignedSentence | null;
  onSelect: (s: AlignedSentence) => void;
  editing?: Editing | null;
}) {
  const unsupported = item.evidence.filter((e) => e.unsupported).length;
  const notes = item.highlights.filter((h) => h.start === undefined);
  return (
    <section
      aria-label={editing ? "Edit the artifact" : "Artifact"}
      className={`min-h-0 overflow-y-auto rounded border p-4 text-sm ${editing ? "border-amber-300 bg-amber-50/40" : "border-slate-200 bg-white"}`}
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="text-base font-semibold" data-testid="artifact-kind">
          {item.kind.replace("_", " ")}
          {item.flavor ? ` · ${item.flavor}` : ""}
        </h2>
        <span className="text-xs text-slate-500">
          {item.artifactId} · {item.platform} user {item.uid}
          {item.generator.model ? ` · ${item.generator.model}` : ""}
          {item.generator.prompt ? ` (${item.generator.prompt})` : ""}
        </span>
      </div>
      <ul className="mt-2 space-y-1 text-xs" data-testid="checks">
        {unsupported > 0 && (
          <li className="text-rose-700">
            {unsupported} sentence{unsupported === 1 ? "" : "s"} with no support in the cited posts (wavy underline)
          </li>
        )}
        {item.highlights
          .filter((h) => h.kind === "pii" || h.kind === "leaked_name")
          .map((h, i) => (
            <li key={`${h.field}-${i}`} className={h.kind === "pii" ? "text-rose-700" : "text-orange-700"}>
              {h.kind === "pii" ? "Personal data" : "Real name"} in {fieldLabel(h.field)}: {h.message}
            </li>
          ))}
        {notes.map((h, i) => (
          <li key={`note-${i}`} className="text-amber-700">
            {fieldLabel(h.field)}: {h.message}
          </li>
        ))}
      </ul>
      {editing ? (
        <>
          <p className="mt-2 text-xs text-amber-800">Editing: correct the fields, then submit with a reason. Esc leaves a field; Ctrl+Enter submits.</p>
          {editing.fields.map((f, i) => {
            const original = fields.find((o) => o.field === f.field);
            return (
              <EditField key={f.field} field={f.field} text={f.text} first={i === 0} onChange={editing.onChange}>
                {original && <Field field={f.field} text={original.text} evidence={item.evidence} highlights={item.highlights} selected={selected} onSelect={onSelect} label={false} />}
              </EditField>
            );
          })}
          <EditDiff changes={editing.changes} />
        </>
      ) : (
        fields.map((f) => <Field key={f.field} field={f.field} text={f.text} evidence={item.evidence} highlights={item.highlights} selected={selected} onSelect={onSelect} />)
      )}
      <div className="mt-4 border-t border-slate-100 pt-2 text-xs" data-testid="judge">
        {item.judge ? (
          <>
            <p className="font-medium text-slate-600">
              Judge {item.judge.model ? `(${item.judge.model})` : ""} ·{" "}
              <span data-testid="rule-outcome" className={item.judge.rule.outcome === "fail" ? "text-rose-700" : item.judge.rule.outcome === "pass" ? "text-emerald-700" : ""}>
                rule set v{item.judge.rule.version}: {item.judge.rule.outcome.replace("_", " ")}
              </span>
            </p>
            <p className="mt-1 flex flex-wrap gap-2">
              {Object.entries(item.judge.scores).map(([metric, score]) => {
                const min = (item.judge!.rule.min as Record<string, number | undefined>)[metric];
                const below = min !== undefined && score < min;
                return (
                  <span
                    key={metric}
                    className={`rounded px-1.5 py-0.5 tabular-nums ${below ? "bg-rose-100 text-rose-800" : "bg-slate-100"}`}
                    title={min !== undefined ? `rule set v${item.judge!.rule.version}: at least ${min}` : undefined}
                  >
                    {metric} {score}
                    {below ? ` (< ${min})` : ""}
                  </span>
                );
              })}
            </p>
            {item.judge.explanation && <p className="mt-1 text-slate-600">{item.judge.explanation}</p>}
          </>
        ) : (
          <p className="text-slate-500">{item.blind ? "Judge scores are hidden: this project reviews blind." : "The judge did not score this artifact."}</p>
        )}
      </div>
    </section>
  );
}
