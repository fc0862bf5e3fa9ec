import "server-only";
import { col, row } from "./columns";
import type { Queryable } from "./queryable";
import { sql } from "./sql";

const Estimate = row({ table: col.text, rows: col.num });

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
  if (grown.length) await q.exec(sql`ANALYZE ${sql.raw(grown.map((t) => `"${t.replace(/"/g, '""')}"`).join(", "))}`);
  return grown;
}
