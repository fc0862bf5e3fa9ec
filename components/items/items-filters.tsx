"use client";
import { useState } from "react";
import { HIGHLIGHT_KINDS } from "@/lib/domain/highlights";
import { ARTIFACT_KINDS, PLATFORMS, REASON_CODES, SOCIAL_QA_FLAVORS } from "@/lib/domain/kinds";
import { REVIEW_STATUSES } from "@/lib/domain/review-state";
import type { ItemsQuery } from "@/lib/validation/items-query";
import { useUrlQuery } from "../table/use-url-query";
import { FILTER_KEYS } from "./active-filters";
import { ChipFilter } from "./chip-filter";
import { kindLabel, platformLabel } from "@/lib/domain/labels";

/** The items table's filters; each change goes to the URL and the server filters in SQL. */
export function ItemsFilters({ query, annotators }: { query: ItemsQuery; annotators: { id: number; email: string }[] }) {
  const { update } = useUrlQuery();
  const [text, setText] = useState(query.q ?? "");
  const list = (key: string) => (next: string[]) => update({ [key]: next.join(",") });
  const number = (key: string, value: number | undefined, label: string) => (
    <label className="flex items-center gap-1 text-xs text-slate-600">
      {label}
      <input
        type="number"
        min={1}
        max={10}
        defaultValue={value ?? ""}
        key={`${key}-${value}`}
        aria-label={`${label} (judge score)`}
        className="w-14 rounded border border-slate-300 px-1 py-0.5"
        onBlur={(e) => e.target.value !== String(value ?? "") && update({ [key]: e.target.value })}
        onKeyDown={(e) => e.key === "Enter" && update({ [key]: e.currentTarget.value })}
      />
    </label>
  );
  const active = FILTER_KEYS.some((k) => {
    const v = (query as Record<string, unknown>)[k];
    return Array.isArray(v) ? v.length > 0 : v !== undefined;
  });
  return (
    <section aria-label="Filters" className="space-y-2 rounded border border-slate-200 bg-white p-3">
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: text.trim() });
        }}
      >
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Text in the artifact, an artifact id or a user id"
          aria-label="Search"
          className="flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
          maxLength={200}
        />
        <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-sm text-white">
          Search
        </button>
        {active && (
          <button
            type="button"
            className="text-sm text-indigo-700 underline"
            onClick={() => {
              setText("");
              update(Object.fromEntries(FILTER_KEYS.map((k) => [k, null])));
            }}
          >
            Clear filters
          </button>
        )}
      </form>
      <ChipFilter label="Status" values={REVIEW_STATUSES} selected={query.status} onChange={list("status")} />
      <ChipFilter label="Kind" values={ARTIFACT_KINDS} selected={query.kind} onChange={list("kind")} labelOf={kindLabel} />
      {(query.kind.length === 0 || query.kind.includes("social_qa")) && <ChipFilter label="Flavor" values={SOCIAL_QA_FLAVORS} selected={query.flavor} onChange={list("flavor")} />}
      <ChipFilter label="Platform" values={PLATFORMS} selected={query.platform} onChange={list("platform")} labelOf={platformLabel} />
      <ChipFilter label="Checks" values={HIGHLIGHT_KINDS} selected={query.flags} onChange={list("flags")} />
      <ChipFilter label="Reasons" values={REASON_CODES} selected={query.reasons} onChange={list("reasons")} />
      <div className="flex flex-wrap items-center gap-4">
        <span className="w-20 text-xs font-medium text-slate-500">Judge</span>
        {number("overallMin", query.overallMin, "overall ≥")}
        {number("overallMax", query.overallMax, "overall ≤")}
        {number("scoreMin", query.scoreMin, "lowest metric ≥")}
        {number("scoreMax", query.scoreMax, "lowest metric ≤")}
        <label className="flex items-center gap-1 text-xs text-slate-600">
          judged
          <select value={query.judged ?? ""} onChange={(e) => update({ judged: e.target.value })} className="rounded border border-slate-300 px-1 py-0.5">
            <option value="">any</option>
            <option value="yes">yes</option>
            <option value="no">no (not scored)</option>
            <option value="off_scale">a score off the 1-10 scale</option>
          </select>
        </label>
        <label className="flex items-center gap-1 text-xs text-slate-600">
          gold
          <select value={query.gold ?? ""} onChange={(e) => update({ gold: e.target.value })} className="rounded border border-slate-300 px-1 py-0.5">
            <option value="">any</option>
            <option value="yes">gold only</option>
            <option value="no">not gold</option>
          </select>
        </label>
        <label className="flex items-center gap-1 text-xs text-slate-600">
          override
          <select value={query.overrides ?? ""} onChange={(e) => update({ overrides: e.target.value })} className="rounded border border-slate-300 px-1 py-0.5">
            <option value="">any</option>
            <option value="yes">accepted over a failed check</option>
          </select>
        </label>
        <label className="flex items-center gap-1 text-xs text-slate-600">
          annotator
          <select value={query.annotator ?? ""} onChange={(e) => update({ annotator: e.target.value })} className="rounded border border-slate-300 px-1 py-0.5">
            <option value="">anyone</option>
            {annotators.map((a) => (
              <option key={a.id} value={a.id}>
                {a.email}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
