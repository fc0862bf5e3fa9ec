import "server-only";
import { rawDb } from "../raw-db";
import { stmt, type Sqlite } from "../sqlite";

/** The people whose work the items table can filter by: members of the project and anyone with a verdict in it. */
export function itemAnnotators(projectId: number, db: Sqlite = rawDb()): { id: number; email: string }[] {
  return stmt(
    db,
    `SELECT id, email FROM Account WHERE id IN (SELECT accountId FROM ProjectMember WHERE projectId = ?)
       OR id IN (SELECT DISTINCT accountId FROM VerdictEvent WHERE projectId = ?)
     ORDER BY email`,
  ).all(projectId, projectId) as { id: number; email: string }[];
}
