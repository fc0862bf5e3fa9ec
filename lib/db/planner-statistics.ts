import "server-only";
import { z } from "zod";
import { col, row } from "./columns";
import type { Queryable } from "./queryable";
import { sql } from "./sql";

const Estimate = row({ table: col.text, rows: col.num });
const quoted = (table: string) => `"${table.replace(/"/g, '""')}"`;

/**
 * Brings the planner's statistics up to date on the tables a bulk write grew by more than a tenth
 * (autovacuum's own threshold), or that were never analyzed. Autovacuum would get there within a
 * minute or so, but until then a table imported into from empty looks empty to the planner: the
 * review queue sorted all of a fresh import's artifacts on every claim (1.3 s each at 200k) instead
 * of walking its index. `added` is how many rows each table gained.
 */
export async function analyzeGrownTables(q: Queryable, added: Readonly<Record<string, number>>): Promise<string[]> {
  const names = Object.keys(added).filter((t) => added[t] > 0);
  if (names.length === 0) return [];
  // reltuples is -1 for a table never analyzed (or vacuumed) since it was created
  const estimates = await q.many(
    Estimate,
    sql`SELECT c."relname" AS "table", c."reltuples" AS "rows" FROM pg_class c WHERE c."relname" = ANY(${names}::text[]) AND c."relkind" = 'r' AND c."relnamespace" = current_schema()::regnamespace`,
  );
  const grown = estimates.filter((e) => e.rows < 0 || added[e.table] > 0.1 * e.rows + 50).map((e) => e.table);
  if (grown.length) await q.exec(sql`ANALYZE ${sql.raw(grown.map(quoted).join(", "))}`);
  return grown;
}

const Plan = row({ "QUERY PLAN": col.json(z.array(z.object({ Plan: z.object({ "Plan Rows": z.number() }) }))) });

/**
 * Keeps the planner's idea of one project's size in step with a long bulk write into it (an import,
 * chunk after chunk). A project the statistics do not know yet (a new one, filled by this very
 * write) is planned as a few rows, and a chunk's key lookups then scan every row of the project so
 * far for each row they look up: importing 1M lines into a new project beside one of 1M artifacts,
 * the artifacts' merge took 2.4 s for the first chunk, 8.5 s for the twentieth, and on. Once the
 * rows written into a table pass twice what the planner expects the project to hold there, the
 * table is analyzed (a sample of 30,000 rows: then the project is among its most common values).
 */
export class ProjectGrowth {
  private written = new Map<string, number>();
  private planned = new Map<string, number>();

  constructor(
    private readonly q: Queryable,
    private readonly projectId: number,
  ) {}

  /** Counts the rows just written into each table, and analyzes the tables the planner now underestimates; returns them. */
  async wrote(rows: Readonly<Record<string, number>>): Promise<string[]> {
    const stale: string[] = [];
    for (const [table, n] of Object.entries(rows)) {
      const written = (this.written.get(table) ?? 0) + n;
      this.written.set(table, written);
      if (n > 0 && written > 2 * (await this.plannedRows(table)) + 1000) stale.push(table);
    }
    if (stale.length === 0) return [];
    await this.q.exec(sql`ANALYZE ${sql.raw(stale.map(quoted).join(", "))}`);
    for (const table of stale) this.planned.delete(table);
    return stale;
  }

  private async plannedRows(table: string): Promise<number> {
    let rows = this.planned.get(table);
    if (rows === undefined) {
      const plan = await this.q.one(Plan, sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${sql.raw(quoted(table))} WHERE "projectId" = ${sql.raw(String(Math.trunc(this.projectId)))}`);
      rows = plan["QUERY PLAN"][0].Plan["Plan Rows"];
      this.planned.set(table, rows);
    }
    return rows;
  }
}
