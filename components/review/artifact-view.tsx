"use client";

import type { AlignedSentence } from "@/lib/domain/evidence";
import type { Highlight } from "@/lib/domain/highlights";
import type { ReviewItem } from "@/lib/views/review";
import { Fragment } from "react";
import { fieldLabel } from "@/lib/domain/field-label";
import type { FieldChange } from "@/lib/domain/content-diff";
import { EditField, EditDiff } from "./artifact-editor";
import { summarizeChecks } from "@/lib/domain/check-summary";
import { CheckList, RuleOutcome } from "./check-list";
import { MarkedText, type Mark } from "./marked-text";
import { kindLabel, platformLabel } from "@/lib/domain/labels";
import { inScoreRange } from "@/lib/domain/kinds";

const HIGHLIGHT_STYLE: Record<Highlight["kind"], string> = {
  pii: "bg-rose-200 text-rose-900",
  leaked_name: "bg-orange-200 text-orange-900",
  length: "",
  answer_leak: "",
};

function supportTitle(s: AlignedSentence): string | undefined {
  if (!s.checked) return undefined;
  if (!s.unsupported) return `supported (${s.best.toFixed(2)})`;
  return s.elsewhere ? `supported only by a post the artifact does not cite (${s.elsewhere.score.toFixed(2)})` : `no support in the user's posts (best match ${s.best.toFixed(2)})`;
}

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
              const tone = !s.checked || !s.unsupported ? "" : s.elsewhere ? "underline decoration-sky-500 decoration-dotted" : "underline decoration-rose-500 decoration-wavy";
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
                    title={supportTitle(s)}
                    data-unsupported={(s.unsupported && !s.elsewhere) || undefined}
                    data-elsewhere={s.elsewhere?.postId}
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
  /** puts the cursor in the first field */
  typeFirst?: boolean;
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
  onShowPost,
  fixKeys = false,
}: {
  item: ReviewItem;
  fields: { field: string; text: string }[];
  selected: AlignedSentence | null;
  onSelect: (s: AlignedSentence) => void;
  editing?: Editing | null;
  /** brings a source post into view (the uncited post that supports a sentence) */
  onShowPost?: (postId: string) => void;
  /** shows the keys that fix a failed check (the review screen has them) */
  fixKeys?: boolean;
}) {
  const checks = summarizeChecks(item.highlights, item.evidence);
  const failed = checks.filter((c) => c.failed).length;
  return (
    <section
      aria-label={editing ? "Edit the artifact" : "Artifact"}
      className={`min-h-0 overflow-y-auto rounded border p-4 text-sm ${editing ? "border-amber-300 bg-amber-50/40" : "border-slate-200 bg-white"}`}
    >
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="text-base font-semibold" data-testid="artifact-kind">
          {kindLabel(item.kind)}
          {item.flavor ? ` · ${item.flavor}` : ""}
        </h2>
        <span className="text-xs text-slate-500">
          {item.artifactId} · {platformLabel(item.platform)} user {item.uid}
          {item.generator.model ? ` · ${item.generator.model}` : ""}
          {item.generator.prompt ? ` (${item.generator.prompt})` : ""}
        </span>
      </div>
      <CheckList lines={checks} onShowPost={onShowPost} fixKeys={fixKeys} />
      {editing ? (
        <>
          <p className="mt-2 text-xs text-amber-800">Editing: correct the fields, then submit with a reason. Esc leaves a field; Ctrl+Enter submits.</p>
          {editing.fields.map((f, i) => {
            const original = fields.find((o) => o.field === f.field);
            return (
              <EditField key={f.field} field={f.field} text={f.text} first={i === 0 && editing.typeFirst !== false} onChange={editing.onChange}>
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
              Judge {item.judge.model ? `(${item.judge.model})` : ""} · <RuleOutcome version={item.judge.rule.version} outcome={item.judge.rule.outcome} failedChecks={failed} />
            </p>
            <p className="mt-1 flex flex-wrap gap-2">
              {Object.entries(item.judge.scores).map(([metric, score]) => {
                const min = (item.judge!.rule.min as Record<string, number | undefined>)[metric];
                const offScale = !inScoreRange(score);
                const below = !offScale && min !== undefined && score < min;
                return (
                  <span
                    key={metric}
                    data-testid={offScale ? "score-off-scale" : undefined}
                    className={`rounded px-1.5 py-0.5 tabular-nums ${offScale ? "bg-amber-100 font-medium text-amber-900" : below ? "bg-rose-100 text-rose-800" : "bg-slate-100"}`}
                    title={
                      offScale
                        ? "the judge answered a score off the rubric's 1-10 scale; it is kept as given"
                        : min !== undefined
                          ? `rule set v${item.judge!.rule.version}: at least ${min}`
                          : undefined
                    }
                  >
                    {metric} {score}
                    {offScale ? " (off the 1-10 scale)" : below ? ` (< ${min})` : ""}
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
