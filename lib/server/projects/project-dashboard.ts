import "server-only";
import { db, utcDay } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";

export interface Count {
  key: string;
  count: number;
}

export interface ProjectDashboard {
  byStatus: Count[];
  byKind: { kind: string; status: string; count: number }[];
  byPlatform: { platform: string; status: string; count: number }[];
  /** verdict events per day (retractions excluded) and artifacts finalized per day, oldest first */
  perDay: { day: string; verdicts: number; finalized: number }[];
}

const PerDay = row({ day: col.text, n: col.int });

/** Counts for a project's progress dashboard, each one GROUP BY in SQL (no rows are read into JavaScript). */
export async function projectDashboard(projectId: number): Promise<ProjectDashboard> {
  const q = db();
  const [byStatus, byKind, byPlatform, verdicts, finalized] = await Promise.all([
    q.many(row({ key: col.text, count: col.int }), sql`SELECT "status" AS "key", COUNT(*) AS "count" FROM "Artifact" WHERE "projectId" = ${projectId} GROUP BY "status" ORDER BY 2 DESC`),
    q.many(
      row({ kind: col.text, status: col.text, count: col.int }),
      sql`SELECT "kind", "status", COUNT(*) AS "count" FROM "Artifact" WHERE "projectId" = ${projectId} GROUP BY "kind", "status" ORDER BY "kind", "status"`,
    ),
    q.many(
      row({ platform: col.text, status: col.text, count: col.int }),
      sql`SELECT u."platform", a."status", COUNT(*) AS "count" FROM "Artifact" a JOIN "SourceUser" u ON u."projectId" = a."projectId" AND u."uid" = a."uid"
          WHERE a."projectId" = ${projectId} GROUP BY u."platform", a."status" ORDER BY u."platform", a."status"`,
    ),
    q.many(PerDay, sql`SELECT ${utcDay(q, `"createdAt"`)} AS "day", COUNT(*) AS "n" FROM "VerdictEvent" WHERE "projectId" = ${projectId} AND "decision" <> 'retract' GROUP BY 1`),
    q.many(PerDay, sql`SELECT ${utcDay(q, `"finalizedAt"`)} AS "day", COUNT(*) AS "n" FROM "Artifact" WHERE "projectId" = ${projectId} AND "finalizedAt" IS NOT NULL GROUP BY 1`),
  ]);
  const days = [...new Set([...verdicts.map((v) => v.day), ...finalized.map((f) => f.day)])].sort();
  const perDay = days.map((day) => ({ day, verdicts: verdicts.find((v) => v.day === day)?.n ?? 0, finalized: finalized.find((f) => f.day === day)?.n ?? 0 }));
  return { byStatus, byKind, byPlatform, perDay };
}
