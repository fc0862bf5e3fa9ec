import "server-only";
import { flagKinds, orderedTextFields, type HighlightKind } from "../../domain/highlights";
import type { ArtifactKind } from "../../domain/kinds";
import { evaluate, type RuleOutcome } from "../../domain/qc/rule-set";
import type { ItemsQuery } from "../../validation/items-query";
import { currentRuleSetSync } from "../qc/rule-sets";
import { rawDb } from "../raw-db";
import type { Sqlite } from "../sqlite";
import { afterCursor, decodeCursor, encodeCursor, filtersIndexedColumns, itemsIndexHint, itemsOrder, itemsWhere } from "./items-where";

export interface ItemRow {
  id: string;
  uid: string;
  platform: string;
  kind: ArtifactKind;
  flavor: string | null;
  status: string;
  judgeOverall: number | null;
  judgeMin: number | null;
  verdictCount: number;
  disagreement: number;
  flags: HighlightKind[];
  isGold: boolean;
  goldDecision: string | null;
  decidedBy: string | null;
  importedAt: string;
  finalizedAt: string | null;
  /** the start of the artifact's main text, for scanning the table */
  preview: string;
  /** what the project's current rule set says of it */
  rule: RuleOutcome;
}

const PREVIEW_CHARS = 160;

export interface ItemsPage {
  rows: ItemRow[];
  /** cursors for the neighbouring pages; null where there is none */
  next: string | null;
  prev: string | null;
}

/**
 * One page of the items table, by keyset paging. The keys are found first in the covering index
 * Artifact_items_idx (so a filter never reads the wide rows, whatever combination it is), then only
 * the page's rows are read in full. Without filters, sorting by id walks the primary key.
 */
export function listItems(projectId: number, query: ItemsQuery, db: Sqlite = rawDb()): ItemsPage {
  const where = itemsWhere(projectId, query);
  const backwards = query.before !== undefined && query.after === undefined;
  const dir = backwards ? (query.dir === "asc" ? "desc" : "asc") : query.dir;
  const cursor = decodeCursor((backwards ? query.before : query.after) ?? "");
  if (cursor) {
    const c = afterCursor(query.sort, dir, cursor);
    where.sql += ` AND ${c.sql}`;
    where.params.push(...c.params);
  }
  const keys = db
    .prepare(`SELECT a.id, a.${query.sort} AS sortValue FROM Artifact a ${itemsIndexHint(query)} WHERE ${where.sql} ORDER BY ${itemsOrder(query.sort, dir)} LIMIT ?`)
    .all(...where.params, query.size + 1) as { id: string; sortValue: string | number | null }[];
  const more = keys.length > query.size;
  const page = keys.slice(0, query.size);
  if (backwards) page.reverse();
  const cursorOf = (k: { id: string; sortValue: string | number | null } | undefined) => (k ? encodeCursor([k.sortValue, k.id]) : null);
  const first = cursorOf(page[0]);
  const last = cursorOf(page[page.length - 1]);
  return {
    rows: readRows(db, projectId, page.map((k) => k.id)),
    next: backwards ? last : more ? last : null,
    prev: backwards ? (more ? first : null) : cursor ? first : null,
  };
}

function readRows(db: Sqlite, projectId: number, ids: string[]): ItemRow[] {
  if (ids.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT id, uid, platform, kind, flavor, status, judgeOverall, judgeMin, verdictCount, disagreement, flags, isGold, goldDecision,
         decidedBy, importedAt, finalizedAt, contentJson, judgeScoresJson
       FROM Artifact WHERE projectId = ? AND id IN (SELECT value FROM json_each(?))`,
    )
    .all(projectId, JSON.stringify(ids)) as (Omit<ItemRow, "flags" | "isGold" | "preview" | "rule"> & { flags: number | null; isGold: number; contentJson: string; judgeScoresJson: string | null })[];
  const { rules } = currentRuleSetSync(projectId, db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const { contentJson, judgeScoresJson, flags, isGold, ...r } = byId.get(id)!;
    const rule = evaluate(rules, { kind: r.kind, flavor: r.flavor, scores: judgeScoresJson ? JSON.parse(judgeScoresJson) : null, flags: flags ?? 0 }).outcome;
    return { ...r, flags: flagKinds(flags ?? 0), isGold: isGold === 1, preview: previewOf(r.kind, contentJson), rule };
  });
}

/**
 * How many artifacts match, counted up to `cap` (a count over a million rows is a scan the
 * page itself does not need); `capped` says the true number is larger.
 */
export function countItems(projectId: number, query: ItemsQuery, db: Sqlite = rawDb(), cap = 100_000): { count: number; capped: boolean } {
  let count: number;
  if (query.annotator !== undefined && !query.q && !filtersIndexedColumns(query)) {
    // only the annotator: their distinct artifacts, counted in their verdict index alone
    count = db
      .prepare(`SELECT COUNT(*) FROM (SELECT DISTINCT artifactId FROM VerdictEvent WHERE projectId = ? AND accountId = ? LIMIT ?)`)
      .pluck()
      .get(projectId, query.annotator, cap + 1) as number;
  } else {
    const where = itemsWhere(projectId, query);
    const index = query.q ? "" : "INDEXED BY Artifact_items_idx";
    count = db.prepare(`SELECT COUNT(*) FROM (SELECT 1 FROM Artifact a ${index} WHERE ${where.sql} LIMIT ?)`).pluck().get(...where.params, cap + 1) as number;
  }
  return count > cap ? { count: cap, capped: true } : { count, capped: false };
}

function previewOf(kind: ArtifactKind, contentJson: string): string {
  const text = orderedTextFields(kind, JSON.parse(contentJson) as Record<string, unknown>)
    .map((f) => f.text)
    .join(" · ");
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}
