"use client";
import { kindLabel, platformLabel, words } from "@/lib/domain/labels";
import type { ItemsQuery } from "@/lib/validation/items-query";
import { countText, type ItemsCount } from "@/lib/domain/items-count";
import { useUrlQuery } from "../table/use-url-query";

type Chip = { id: string; text: string; change: Record<string, string | null> };

const LISTS: [keyof ItemsQuery, string, (v: string) => string][] = [
  ["status", "status", words],
  ["kind", "kind", kindLabel],
  ["flavor", "flavor", words],
  ["platform", "platform", platformLabel],
  ["flags", "check", words],
  ["reasons", "reason", words],
];

const SCALARS: [keyof ItemsQuery, (v: string) => string][] = [
  ["q", (v) => `text “${v}”`],
  ["overallMin", (v) => `overall ≥ ${v}`],
  ["overallMax", (v) => `overall ≤ ${v}`],
  ["scoreMin", (v) => `lowest metric ≥ ${v}`],
  ["scoreMax", (v) => `lowest metric ≤ ${v}`],
  ["judged", (v) => (v === "yes" ? "judged" : v === "off_scale" ? "a score off the 1-10 scale" : "not judged")],
  ["gold", (v) => (v === "yes" ? "gold only" : "not gold")],
  ["overrides", () => "accepted over a failed check"],
];

/** Every filter of the items table: what "Clear filters" clears. */
export const FILTER_KEYS: (keyof ItemsQuery)[] = [...LISTS.map(([k]) => k), ...SCALARS.map(([k]) => k), "annotator"];

/** The filters in force as chips, each removable on its own. */
function chipsOf(query: ItemsQuery, annotators: { id: number; email: string }[]): Chip[] {
  const chips: Chip[] = [];
  for (const [key, name, label] of LISTS) {
    const values = query[key] as string[];
    for (const v of values) chips.push({ id: `${key}:${v}`, text: `${name}: ${label(v)}`, change: { [key]: values.filter((x) => x !== v).join(",") || null } });
  }
  for (const [key, label] of SCALARS) {
    const v = query[key];
    if (v !== undefined && v !== null && v !== "") chips.push({ id: key, text: label(String(v)), change: { [key]: null } });
  }
  if (query.annotator !== undefined) chips.push({ id: "annotator", text: `annotator: ${annotators.find((a) => a.id === query.annotator)?.email ?? query.annotator}`, change: { annotator: null } });
  return chips;
}

/** Above the filters: how many artifacts match, and what narrows them, each filter removable with its ×. */
export function ActiveFilters({ query, count, annotators }: { query: ItemsQuery; count: ItemsCount; annotators: { id: number; email: string }[] }) {
  const { update } = useUrlQuery();
  const chips = chipsOf(query, annotators);
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="active-filters">
      <span className="font-medium" data-testid="match-count">
        {countText(count)} {chips.length ? "match" : "artifacts"}
      </span>
      {chips.map((c) => (
        <span key={c.id} className="inline-flex items-center gap-1 rounded-full border border-indigo-200 bg-indigo-50 py-0.5 pl-2 pr-1 text-xs text-indigo-900" data-testid="filter-chip">
          {c.text}
          <button type="button" onClick={() => update(c.change)} aria-label={`Remove the filter ${c.text}`} className="rounded-full px-1 hover:bg-indigo-200">
            ×
          </button>
        </span>
      ))}
    </div>
  );
}
