import { HIGHLIGHT_FLAGS } from "../../domain/highlights";
import { ARTIFACT_KINDS, reasonFlagsOf } from "../../domain/kinds";
import { REVIEW_STATUSES } from "../../domain/review-state";
import type { Queryable } from "../../db/client";
import { sql, type Sql } from "../../db/sql";
import type { ItemsQuery, ItemSort } from "../../validation/items-query";

/**
 * The WHERE clause of the items table for one project (artifacts aliased `a`), without paging.
 * Filters are conditions on columns of the covering index Artifact_items_idx, except the annotator
 * filter (a probe of that annotator's verdicts by key) and the text search (which reads the rows).
 */
export function itemsWhere(projectId: number, q: ItemsQuery): Sql {
  const where: Sql[] = [sql`a."projectId" = ${projectId}`];
  const inList = (column: string, values: readonly string[]) => {
    if (values.length) where.push(sql`${sql.raw(column)} IN ${sql.list(values)}`);
  };
  const range = (column: string, min?: number, max?: number) => {
    if (min !== undefined) where.push(sql`${sql.raw(column)} >= ${min}`);
    if (max !== undefined) where.push(sql`${sql.raw(column)} <= ${max}`);
  };
  // The covering index starts (projectId, status, kind, platform, flavor). A filter on a later one of
  // these becomes a few seeks instead of a scan when the earlier ones are pinned to all their values
  // (status and kind take no others): a skip-scan SQLite would only plan with statistics.
  const kinds = q.kind.length ? q.kind : q.flavor.length ? ["social_qa"] : q.platform.length ? ARTIFACT_KINDS : [];
  const statuses = q.status.length ? q.status : kinds.length ? REVIEW_STATUSES : [];
  inList(`a."status"`, statuses);
  inList(`a."kind"`, kinds);
  inList(`a."platform"`, q.platform);
  inList(`a."flavor"`, q.flavor);
  range(`a."judgeOverall"`, q.overallMin, q.overallMax);
  range(`a."judgeMin"`, q.scoreMin, q.scoreMax);
  // an artifact has a lowest score exactly when the judge scored it
  if (q.judged === "yes") where.push(sql`a."judgeMin" IS NOT NULL`);
  if (q.judged === "no") where.push(sql`a."judgeMin" IS NULL`);
  if (q.gold === "yes") where.push(sql`a."isGold"`);
  if (q.gold === "no") where.push(sql`NOT a."isGold"`);
  if (q.overrides === "yes") where.push(sql`a."overrideFlags" <> 0`);
  if (q.flags.length) where.push(sql`(a."flags" & ${q.flags.reduce((bits, f) => bits | HIGHLIGHT_FLAGS[f], 0)}) <> 0`);
  if (q.reasons.length) where.push(sql`(a."reasonFlags" & ${reasonFlagsOf(q.reasons)}) <> 0`);
  if (q.annotator !== undefined) {
    // not correlated with the row: the set of that annotator's artifacts is built once
    where.push(sql`a."id" IN (SELECT v."artifactId" FROM "VerdictEvent" v WHERE v."projectId" = ${projectId} AND v."accountId" = ${q.annotator})`);
  }
  if (q.q) {
    // content is stored as JSON: a quote typed in the search box is \" there
    const stored = JSON.stringify(q.q).slice(1, -1);
    const like = `%${stored.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(a."id" = ${q.q} OR a."uid" = ${q.q} OR a."contentJson" LIKE ${like} ESCAPE '\\')`);
  }
  return sql.join(where, sql` AND `);
}

/** True when the query filters on a column of the covering index. */
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
 * ascending and last when descending (itemsOrder says so to the database). Deep pages cost what the
 * first one does, unlike OFFSET, which sorts every row it skips.
 */
export function afterCursor(sort: ItemSort, dir: "asc" | "desc", cursor: Cursor): Sql {
  const [value, id] = cursor;
  const cmp = sql.raw(dir === "asc" ? ">" : "<");
  if (sort === "id") return sql`a."id" ${cmp} ${id}`;
  const col = sql.raw(`a."${sort}"`);
  if (value === null) {
    // NULLs come first ascending (everything non-null follows) and last descending (nothing follows)
    return dir === "asc" ? sql`((${col} IS NULL AND a."id" > ${id}) OR ${col} IS NOT NULL)` : sql`(${col} IS NULL AND a."id" < ${id})`;
  }
  // a row value comparison is a range an index on (col, id) can seek to; NULLs never compare, and
  // descending they come after every value
  const tail = dir === "asc" ? sql.empty : sql` OR ${col} IS NULL`;
  return sql`((${col}, a."id") ${cmp} (${value}, ${id})${tail})`;
}

/** ORDER BY of the items table; the artifact id breaks ties so that pages never overlap. */
export function itemsOrder(sort: ItemSort, dir: "asc" | "desc"): Sql {
  const d = dir === "desc" ? "DESC" : "ASC";
  const nulls = dir === "desc" ? "NULLS LAST" : "NULLS FIRST";
  return sql.raw(sort === "id" ? `a."id" ${d}` : `a."${sort}" ${d} ${nulls}, a."id" ${d}`);
}
