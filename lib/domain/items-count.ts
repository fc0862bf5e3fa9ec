import { HIGHLIGHT_FLAGS } from "./highlights";
import { reasonFlagsOf } from "./kinds";
import type { TallyRow } from "./tally";
import type { ItemsQuery } from "../validation/items-query";

/**
 * How many artifacts the items table's filters match, as the page says it: exactly, at least
 * (`atLeast`: "1,000+") or at most (`atMost`: a count that would have taken too long, bounded by
 * the tallies).
 */
export interface ItemsCount {
  count: number;
  bound: "exact" | "atLeast" | "atMost";
}

/** The count as words: "1,234", "1,000+" or "at most 1,234". */
export function countText(c: ItemsCount): string {
  const n = c.count.toLocaleString("en");
  return c.bound === "atLeast" ? `${n}+` : c.bound === "atMost" ? `at most ${n}` : n;
}

/** The facets migration 028 counts each artifact by, one value each. */
export const FACETS = ["flavor", "flags", "reasons", "scores"] as const;
export type Facet = (typeof FACETS)[number];

/**
 * Artifacts counted on write by one facet's value (migration 028, "FacetTally"), beside the plain
 * columns both tallies count by. Values: the flavor; the flag or reason bits as a number; the judge
 * scores as "overall:lowest" (either empty when unscored), "none" unjudged, "off" off the scale.
 */
export interface FacetRow {
  kind: string;
  platform: string;
  status: string;
  gold: boolean;
  overridden: boolean;
  value: string;
  n: number;
}

/** The filters both tallies count by, as a test on a row of either. */
function plainFilter(query: ItemsQuery): (r: Pick<TallyRow, "kind" | "platform" | "status" | "gold" | "overridden">) => boolean {
  const { kind, platform, status, gold, overrides } = query;
  return (r) =>
    (kind.length === 0 || (kind as string[]).includes(r.kind)) &&
    (platform.length === 0 || (platform as string[]).includes(r.platform)) &&
    (status.length === 0 || (status as string[]).includes(r.status)) &&
    (gold === undefined || r.gold === (gold === "yes")) &&
    (overrides === undefined || r.overridden);
}

/** The facets a query filters on (a text search and an annotator are neither facets nor plain filters). */
export function facetsOf(query: ItemsQuery): Facet[] {
  const scores = [query.overallMin, query.overallMax, query.scoreMin, query.scoreMax, query.judged].some((v) => v !== undefined);
  const used: Record<Facet, boolean> = { flavor: query.flavor.length > 0, flags: query.flags.length > 0, reasons: query.reasons.length > 0, scores };
  return FACETS.filter((f) => used[f]);
}

/**
 * Which tally answers the query's count exactly: "plain" (migration 023's, for plain filters or
 * none), a facet's (plain filters and that one facet), or null (two facets, a text search, an
 * annotator: the rows must be counted).
 */
export function countingTally(query: ItemsQuery): "plain" | Facet | null {
  if (query.q !== undefined || query.annotator !== undefined) return null;
  const facets = facetsOf(query);
  return facets.length === 0 ? "plain" : facets.length === 1 ? facets[0] : null;
}

/** The query's count from migration 023's tally rows (countingTally said "plain"). */
export function plainCount(query: ItemsQuery, rows: readonly TallyRow[]): number {
  const plain = plainFilter(query);
  return rows.reduce((sum, r) => (plain(r) ? sum + r.n : sum), 0);
}

/**
 * The query's count from one facet's tally rows (countingTally named the facet), or null when they
 * cannot say: a score range over artifacts with a score off the scale (whose value the tally does
 * not keep).
 */
export function facetCount(query: ItemsQuery, facet: Facet, rows: readonly FacetRow[]): number | null {
  const plain = plainFilter(query);
  const matches = facetMatch(query, facet);
  let sum = 0;
  for (const r of rows) {
    if (!plain(r)) continue;
    const match = matches(r.value);
    if (match === null) return null;
    if (match) sum += r.n;
  }
  return sum;
}

/** Whether an artifact with the facet's value passes the query's filter on it; null when the value cannot say. */
function facetMatch(query: ItemsQuery, facet: Facet): (value: string) => boolean | null {
  switch (facet) {
    case "flavor":
      return (v) => (query.flavor as string[]).includes(v);
    case "flags": {
      const bits = query.flags.reduce((b, f) => b | HIGHLIGHT_FLAGS[f], 0);
      return (v) => (Number(v) & bits) !== 0;
    }
    case "reasons": {
      const bits = reasonFlagsOf(query.reasons);
      return (v) => (Number(v) & bits) !== 0;
    }
    case "scores":
      return (v) => scoresMatch(query, v);
  }
}

function scoresMatch(query: ItemsQuery, value: string): boolean | null {
  const { overallMin, overallMax, scoreMin, scoreMax, judged } = query;
  const ranged = [overallMin, overallMax, scoreMin, scoreMax].some((b) => b !== undefined);
  if (value === "none") return judged === "no" && !ranged;
  if (judged === "no") return false;
  if (value === "off") return ranged ? null : true; // judged yes or off_scale
  if (judged === "off_scale") return false;
  const [overall, lowest] = value.split(":").map((s) => (s === "" ? null : Number(s)));
  const within = (v: number | null, min?: number, max?: number) => (min === undefined && max === undefined) || (v !== null && (min === undefined || v >= min) && (max === undefined || v <= max));
  return within(overall, overallMin, overallMax) && within(lowest, scoreMin, scoreMax);
}
