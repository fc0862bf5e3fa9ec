import { HIGHLIGHT_FLAGS } from "../../domain/highlights";
import { reasonFlagsOf } from "../../domain/kinds";
import { searchWords } from "../../domain/text/search-words";
import type { Queryable } from "../../db/client";
import { sql, type Sql } from "../../db/sql";
import { ArtifactSql } from "../qc/rules-sql";
import type { ItemsQuery, ItemSort } from "../../validation/items-query";

/** The items table's rows: each artifact (`a`) with its state (`st`, migration 027). */
export const ITEMS_FROM = sql`"Artifact" a JOIN "ArtifactState" st ON st."projectId" = a."projectId" AND st."artifactId" = a."id"`;

/**
 * The rows a query reads: the artifacts alone unless it filters or sorts on their state (a join
 * the planner cannot drop costs a key lookup per row a walk passes: a rare combination sorted by
 * score went from 134-168 ms to 296-379 ms with it at 1M).
 */
export function itemsFrom(q: ItemsQuery, sorted = true): Sql {
  const state = q.status.length > 0 || q.overrides === "yes" || q.reasons.length > 0 || (sorted && STATE_SORTS.has(q.sort));
  return state ? ITEMS_FROM : sql`"Artifact" a`;
}

/** A sort's column, on the table that holds it. */
export function sortColumn(sort: Exclude<ItemSort, "id">): Sql {
  return sql.raw(STATE_SORTS.has(sort) ? `st."${sort}"` : `a."${sort}"`);
}
const STATE_SORTS: ReadonlySet<ItemSort> = new Set<ItemSort>(["verdictCount", "disagreement", "finalizedAt"]);

/**
 * The WHERE clause of the items table for one project (ITEMS_FROM), without paging. The indexes it
 * is written for (migrations 009 and 027): one per sort, ending with the id, on the artifact or on
 * its state; (project, status, id) on the state; partial ones, in id order, for flagged, overridden
 * and gold artifacts; and the full-text index of ArtifactText, the words of each artifact's
 * content. Other filters (kind, platform, scores) are checked on the rows an index walk yields:
 * each matches a large share of the artifacts, so a page is found quickly.
 */
export function itemsWhere(projectId: number, q: ItemsQuery, search: SearchPlan = "ids"): Sql {
  const where: Sql[] = [sql`a."projectId" = ${projectId}`];
  const inList = (column: string, values: readonly string[]) => {
    if (values.length) where.push(sql`${sql.raw(column)} IN ${sql.list(values)}`);
  };
  const range = (column: string, min?: number, max?: number) => {
    if (min !== undefined) where.push(sql`${sql.raw(column)} >= ${min}`);
    if (max !== undefined) where.push(sql`${sql.raw(column)} <= ${max}`);
  };
  inList(`st."status"`, q.status);
  inList(`a."kind"`, q.kind);
  inList(`a."platform"`, q.platform);
  inList(`a."flavor"`, q.flavor);
  range(`a."judgeOverall"`, q.overallMin, q.overallMax);
  range(`a."judgeMin"`, q.scoreMin, q.scoreMax);
  // an artifact has a lowest score exactly when the judge scored it
  if (q.judged === "yes") where.push(sql`a."judgeMin" IS NOT NULL`);
  if (q.judged === "no") where.push(sql`a."judgeMin" IS NULL`);
  if (q.judged === "off_scale") where.push(new ArtifactSql("a").outOfRange());
  if (q.gold === "yes") where.push(sql`a."isGold"`);
  if (q.gold === "no") where.push(sql`NOT a."isGold"`);
  if (q.overrides === "yes") where.push(sql`st."overrideFlags" <> 0`);
  // the bits are written into the SQL (numbers from a fixed table), so that the planner sees the
  // flagged index's condition in it
  if (q.flags.length) where.push(sql`a."flags" <> 0 AND (a."flags" & ${sql.raw(String(q.flags.reduce((bits, f) => bits | HIGHLIGHT_FLAGS[f], 0)))}) <> 0`);
  if (q.reasons.length) where.push(sql`(st."reasonFlags" & ${reasonFlagsOf(q.reasons)}) <> 0`);
  if (q.annotator !== undefined) {
    // not correlated with the row: the set of that annotator's artifacts is built once
    where.push(sql`a."id" IN (SELECT v."artifactId" FROM "VerdictEvent" v WHERE v."projectId" = ${projectId} AND v."accountId" = ${q.annotator})`);
  }
  if (q.q) {
    // an artifact or user id exactly, or every word of the search as the start of a word of the content
    const matches = wordsMatch(q.q);
    if (search === "ids" || !matches) {
      // few matches: their ids as one set, which the planner joins to the page's index walk
      const exact = sql`SELECT x."id" FROM "Artifact" x WHERE x."projectId" = ${projectId} AND (x."id" = ${q.q} OR x."uid" = ${q.q})`;
      const text = matches ? sql` UNION SELECT t."artifactId" FROM "ArtifactText" t WHERE t."projectId" = ${projectId} AND ${matches}` : sql.empty;
      where.push(sql`a."id" IN (${exact}${text})`);
    } else {
      // many: each row the page's walk passes is looked up, and the page fills long before the end
      where.push(searchRowMatch(q.q));
    }
  }
  return sql.join(where, sql` AND `);
}

/**
 * The search checked on one artifact row `a`: its id or user id, or its words looked up (a scalar
 * subquery per row: an EXISTS would be turned into one hashed scan of every artifact's words).
 */
export function searchRowMatch(search: string): Sql {
  const words = sql`(SELECT t."words" FROM "ArtifactText" t WHERE t."projectId" = a."projectId" AND t."artifactId" = a."id")`;
  return sql`(a."id" = ${search} OR a."uid" = ${search} OR ${words} @@ ${tsQuery(search)})`;
}

/**
 * How the text search is checked: "ids" gathers the matching ids from the full-text index (fast
 * when they are few, whatever the page's order); "rows" looks each row up as the page's index walk
 * passes it (fast when they are many: a word most artifacts contain). searchPlan picks one.
 */
export type SearchPlan = "ids" | "rows";

/** Matches up to which a search is checked as a set of ids. */
export const FEW_MATCHES = 5_000;

/** The words' full-text condition on ArtifactText `t`, or null when the search has no words. */
export function wordsMatch(search: string): Sql | null {
  const words = searchWords(search);
  return words.length ? sql`t."words" @@ ${tsQuery(search)}` : null;
}

/** The search as a full-text query: whole words, except the last, which may be a start typed so far (three letters or more). */
function tsQuery(search: string): Sql {
  const words = searchWords(search);
  const terms = words.map((w, i) => (i === words.length - 1 && w.length >= 3 ? `${w}:*` : w));
  return sql`to_tsquery('simple', ${terms.join(" & ")})`;
}

/** True when the query filters on a column of the artifact or its state (anything but a text search or an annotator). */
export function filtersIndexedColumns(q: ItemsQuery): boolean {
  return (
    q.status.length > 0 ||
    q.kind.length > 0 ||
    q.platform.length > 0 ||
    q.flavor.length > 0 ||
    q.flags.length > 0 ||
    q.reasons.length > 0 ||
    q.overallMin !== undefined ||
    q.overallMax !== undefined ||
    q.scoreMin !== undefined ||
    q.scoreMax !== undefined ||
    !!q.judged ||
    !!q.gold ||
    !!q.overrides
  );
}

/** True when the query filters on nothing but the project. */
export function isUnfiltered(q: ItemsQuery): boolean {
  return !filtersIndexedColumns(q) && q.annotator === undefined && !q.q;
}

/** A position in the sorted list: the sort column's value and the artifact id of one row. */
export type Cursor = [value: string | number | null, id: string];

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeCursor(s: string): Cursor | null {
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(c) && c.length === 2 && typeof c[1] === "string" && (c[0] === null || ["string", "number"].includes(typeof c[0]))) return c as Cursor;
  } catch {
    // a malformed cursor is treated as no cursor: the first page
  }
  return null;
}

/**
 * Keyset paging: the rows strictly after `cursor` in the order (sort dir, id dir), NULLs first when
 * ascending and last when descending (itemsOrder says so to the database), as conditions to read in
 * turn: each is a range of one index (a row comparison, or the NULLs in id order), which an OR of
 * them would not be. Deep pages cost what the first one does, unlike OFFSET, which sorts every row
 * it skips.
 */
export function afterCursor(sort: ItemSort, dir: "asc" | "desc", cursor: Cursor): Sql[] {
  const [value, id] = cursor;
  const cmp = sql.raw(dir === "asc" ? ">" : "<");
  if (sort === "id") return [sql`a."id" ${cmp} ${id}`];
  const col = sortColumn(sort);
  if (value === null) {
    // NULLs come first ascending (everything non-null follows) and last descending (nothing follows)
    const nulls = sql`${col} IS NULL AND a."id" ${cmp} ${id}`;
    return dir === "asc" ? [nulls, sql`${col} IS NOT NULL`] : [nulls];
  }
  // NULLs never compare: descending, they follow every value
  const values = sql`(${col}, a."id") ${cmp} (${value}, ${id})`;
  return dir === "asc" ? [values] : [values, sql`${col} IS NULL`];
}

/** ORDER BY of the items table; the artifact id breaks ties so that pages never overlap. */
export function itemsOrder(sort: ItemSort, dir: "asc" | "desc"): Sql {
  const d = dir === "desc" ? "DESC" : "ASC";
  const nulls = dir === "desc" ? "NULLS LAST" : "NULLS FIRST";
  return sort === "id" ? sql.raw(`a."id" ${d}`) : sql`${sortColumn(sort)} ${sql.raw(`${d} ${nulls}`)}, ${sql.raw(`a."id" ${d}`)}`;
}
