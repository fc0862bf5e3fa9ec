import "server-only";
import { z } from "zod";
import { flagKinds, orderedTextFields, type HighlightKind } from "../../domain/highlights";
import type { ArtifactKind } from "../../domain/kinds";
import { evaluate, type RuleOutcome } from "../../domain/qc/rule-set";
import type { ItemsQuery } from "../../validation/items-query";
import { db, withinTime, type Db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql, type Sql } from "../../db/sql";
import { currentRuleSet } from "../qc/rule-sets";
import {
  ITEMS_FROM,
  itemsFrom,
  sortColumn,
  afterCursor,
  decodeCursor,
  encodeCursor,
  FEW_MATCHES,
  filtersIndexedColumns,
  itemsOrder,
  itemsWhere,
  searchRowMatch,
  wordsMatch,
  type SearchPlan,
} from "./items-where";
import type { ItemRow } from "../../views/items";
import { countingTally, facetCount, facetsOf, plainCount, type ItemsCount } from "../../domain/items-count";
import { artifactTally, facetTally } from "../projects/tallies";

const PREVIEW_CHARS = 160;

export interface ItemsPage {
  rows: ItemRow[];
  /** cursors for the neighbouring pages; null where there is none */
  next: string | null;
  prev: string | null;
}

const Key = row({ id: col.text, sortValue: z.union([z.string(), z.number(), z.null(), z.date().transform((d) => d.toISOString())]) });

/**
 * One page of the items table, by keyset paging. The keys come first, from an index walk in the
 * page's order (items-where.ts says which indexes), then only the page's rows are read in full.
 */
export async function listItems(projectId: number, query: ItemsQuery, q: Queryable = db(), matches?: number): Promise<ItemsPage> {
  const backwards = query.before !== undefined && query.after === undefined;
  const dir = backwards ? (query.dir === "asc" ? "desc" : "asc") : query.dir;
  const cursor = decodeCursor((backwards ? query.before : query.after) ?? "");
  // after a cursor, the rows come from one index range after another until the page is full
  const segments = cursor ? afterCursor(query.sort, dir, cursor) : [sql.empty];
  const search = await searchPlan(q, projectId, query, matches);
  const keys: z.output<typeof Key>[] = [];
  for (const segment of segments) {
    const where = segment === sql.empty ? itemsWhere(projectId, query, search) : sql`${itemsWhere(projectId, query, search)} AND ${segment}`;
    keys.push(
      ...(await q.many(
        Key,
        sql`SELECT a."id", ${query.sort === "id" ? sql`a."id"` : sortColumn(query.sort)} AS "sortValue" FROM ${itemsFrom(query)} WHERE ${where}
            ORDER BY ${itemsOrder(query.sort, dir)} LIMIT ${query.size + 1 - keys.length}`,
      )),
    );
    if (keys.length > query.size) break;
  }
  const more = keys.length > query.size;
  const page = keys.slice(0, query.size);
  if (backwards) page.reverse();
  const cursorOf = (k: z.output<typeof Key> | undefined) => (k ? encodeCursor([k.sortValue, k.id]) : null);
  const first = cursorOf(page[0]);
  const last = cursorOf(page[page.length - 1]);
  return {
    rows: await readRows(
      q,
      projectId,
      page.map((k) => k.id),
    ),
    next: backwards ? last : more ? last : null,
    prev: backwards ? (more ? first : null) : cursor ? first : null,
  };
}

/**
 * One page of the items table and its count, as the items page shows them: a text search's words
 * are counted once, for both (the full-text index's matches of a common word are the costliest
 * part of either).
 */
export async function itemsPage(projectId: number, query: ItemsQuery, q: Db = db()): Promise<{ page: ItemsPage; count: ItemsCount }> {
  const words = query.q ? wordsMatch(query.q) : null;
  const matches = words ? await textMatches(q, projectId, words, COUNT_CAP + 1) : undefined;
  const [page, count] = await Promise.all([listItems(projectId, query, q, matches), countItems(projectId, query, q, { matches })]);
  return { page, count };
}

/**
 * How to check the query's text search (see SearchPlan): by the number of artifacts its words
 * match, counted up to COUNT_CAP, and past it as the planner estimates it (its statistics keep the
 * common words' frequencies; only the plan depends on it, never a number shown).
 */
async function searchPlan(q: Queryable, projectId: number, query: ItemsQuery, matches?: number): Promise<SearchPlan> {
  const words = query.q ? wordsMatch(query.q) : null;
  if (!words || (matches ?? (await textMatches(q, projectId, words, COUNT_CAP + 1))) <= COUNT_CAP) return "ids";
  return (await estimatedTextMatches(q, projectId, words)) > FEW_MATCHES ? "rows" : "ids";
}

const Plan = row({ "QUERY PLAN": col.json(z.array(z.object({ Plan: z.object({ "Plan Rows": z.number() }) }))) });

/** How many artifacts the planner expects the words to match (EXPLAIN: planned, not run). */
export async function estimatedTextMatches(q: Queryable, projectId: number, words: Sql): Promise<number> {
  const [plan] = (await q.one(Plan, sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM "ArtifactText" t WHERE t."projectId" = ${projectId} AND ${words}`))["QUERY PLAN"];
  return plan.Plan["Plan Rows"];
}

/** How many artifacts the search's words match, counted in the full-text index alone, up to `upTo`. */
async function textMatches(q: Queryable, projectId: number, words: Sql, upTo: number): Promise<number> {
  return (await q.one(Count, sql`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "ArtifactText" t WHERE t."projectId" = ${projectId} AND ${words} LIMIT ${upTo}) m`)).n;
}

const Item = row({
  id: col.text,
  uid: col.text,
  platform: col.text,
  kind: col.text as unknown as z.ZodType<ArtifactKind, string>,
  flavor: col.text.nullable(),
  status: col.text,
  judgeOverall: col.num.nullable(),
  judgeMin: col.num.nullable(),
  verdictCount: col.int,
  disagreement: col.num,
  flags: col.int.nullable(),
  isGold: col.bool,
  goldDecision: col.text.nullable(),
  decidedBy: col.text.nullable(),
  importedAt: col.date,
  finalizedAt: col.date.nullable(),
  content: col.json(z.record(z.string(), z.unknown())),
  scores: col.json(z.record(z.string(), z.number())).nullable(),
});

async function readRows(q: Queryable, projectId: number, ids: string[]): Promise<ItemRow[]> {
  if (ids.length === 0) return [];
  const rows = await q.many(
    Item,
    sql`SELECT a."id", a."uid", a."platform", a."kind", a."flavor", st."status", a."judgeOverall", a."judgeMin", st."verdictCount", st."disagreement", a."flags", a."isGold",
               a."goldDecision", st."decidedBy", a."importedAt", st."finalizedAt", a."contentJson" AS "content", a."judgeScoresJson" AS "scores"
        FROM ${ITEMS_FROM} WHERE a."projectId" = ${projectId} AND a."id" IN ${sql.list(ids)}`,
  );
  const { rules } = await currentRuleSet(projectId, q);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const { content, scores, flags, ...r } = byId.get(id)!;
    const rule = evaluate(rules, { kind: r.kind, flavor: r.flavor, scores, flags: flags ?? 0 }).outcome;
    return { ...r, flags: flagKinds(flags ?? 0), preview: previewOf(r.kind, content), rule };
  });
}

const Count = row({ n: col.int });
const Checked = row({ n: col.int, seen: col.int });

/**
 * Past this many matches the items table says "1,000+": a count over more rows is a scan the page
 * itself does not need. A common word's count up to 10,001 read 6,223 pages of its words at 10M
 * (50 ms warm, 536 ms cold); up to 1,001 it reads a tenth of that.
 */
export const COUNT_CAP = 1_000;

/**
 * How many of the artifacts other filters pass a common word's count checks the word on: each is a
 * lookup of the artifact's words (at 1M on PostgreSQL 15, 10,000 took 254-427 ms, 2,000 30-39 ms).
 */
export const SEARCH_CHECKS = 2_000;

/**
 * How long a count the tallies cannot answer may take: the page runs beside it, and a page a person
 * waits for has 100 ms whatever the project's size. Past it the page says "at most" what the
 * tallies can bound it by: at 10M a rare combination took 4.3 s to count up to the cap.
 */
export const COUNT_BUDGET_MS = 60;

/**
 * How many artifacts match. Plain filters (status, kind, platform, gold, overrides, or none) are
 * counted from the tally kept on write (migration 023), and with one facet more (a flavor, flags,
 * reasons or a score range) from that facet's (migration 028), exactly. Any other query is counted
 * up to `cap` (`atLeast` past it) within COUNT_BUDGET_MS; past that, it is "at most" the smallest
 * count the tallies give for a part of it.
 */
export async function countItems(
  projectId: number,
  query: ItemsQuery,
  d: Db = db(),
  { cap = COUNT_CAP, budgetMs = COUNT_BUDGET_MS, matches }: { cap?: number; budgetMs?: number; matches?: number } = {},
): Promise<ItemsCount> {
  const tally = countingTally(query);
  if (tally === "plain") return { count: plainCount(query, await artifactTally(projectId, d)), bound: "exact" };
  if (tally) {
    const n = facetCount(query, tally, await facetTally(projectId, tally, d));
    if (n !== null) return { count: n, bound: "exact" };
  }
  const counted = await withinTime(d, budgetMs, (t) => countRows(projectId, query, t, cap, matches));
  return counted ?? { count: await ceiling(projectId, query, d), bound: "atMost" };
}

/** The least count the tallies give for the query's plain filters alone or with one of its facets. */
async function ceiling(projectId: number, query: ItemsQuery, d: Db): Promise<number> {
  const counts = [plainCount(query, await artifactTally(projectId, d))];
  for (const facet of facetsOf(query)) {
    const n = facetCount(query, facet, await facetTally(projectId, facet, d));
    if (n !== null) counts.push(n);
  }
  return Math.min(...counts);
}

/**
 * The query's matches counted, up to `cap`. A text search's words are counted in the full-text
 * index first: past the cap, a search with no other filter is "1,000+" at once, and one with
 * others is checked on the first SEARCH_CHECKS artifacts those pass (the set of every match would
 * be built otherwise), and is at least what that finds.
 */
async function countRows(projectId: number, query: ItemsQuery, q: Queryable, cap: number, matches?: number): Promise<ItemsCount> {
  const words = query.q ? wordsMatch(query.q) : null;
  // (counted up to COUNT_CAP + 1, `matches` says whether there are more than any cap up to it)
  if (query.q && words && (matches !== undefined && cap <= COUNT_CAP ? matches : await textMatches(q, projectId, words, cap + 1)) > cap) {
    if (query.annotator === undefined && !filtersIndexedColumns(query)) return { count: cap, bound: "atLeast" };
    // beside other filters: the matches among the first artifacts they pass, so that a rare
    // combination costs no more than a common one; past them, at least that many
    const checks = Math.min(cap, SEARCH_CHECKS);
    const { n, seen } = await q.one(
      Checked,
      sql`SELECT COUNT(*) FILTER (WHERE ${searchRowMatch(query.q)}) AS "n", COUNT(*) AS "seen"
          FROM (SELECT a."id", a."uid", a."projectId" FROM ${itemsFrom(query, false)} WHERE ${itemsWhere(projectId, { ...query, q: undefined })} LIMIT ${checks}) a`,
    );
    return { count: n, bound: seen >= checks ? "atLeast" : "exact" };
  }
  let count: number;
  if (query.annotator !== undefined && !query.q && !filtersIndexedColumns(query)) {
    // only the annotator: their distinct artifacts, counted in their verdict index alone
    ({ n: count } = await q.one(
      Count,
      sql`SELECT COUNT(*) AS "n" FROM (SELECT DISTINCT "artifactId" FROM "VerdictEvent" WHERE "projectId" = ${projectId} AND "accountId" = ${query.annotator} LIMIT ${cap + 1}) d`,
    ));
  } else {
    ({ n: count } = await q.one(Count, sql`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM ${itemsFrom(query, false)} WHERE ${itemsWhere(projectId, query)} LIMIT ${cap + 1}) m`));
  }
  return count > cap ? { count: cap, bound: "atLeast" } : { count, bound: "exact" };
}

function previewOf(kind: ArtifactKind, content: Record<string, unknown>): string {
  const text = orderedTextFields(kind, content)
    .map((f) => f.text)
    .join(" · ");
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}
