import "server-only";
import { rawDb } from "../raw-db";
import { stmt, type Sqlite } from "../sqlite";

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

/** Counts for a project's progress dashboard, each one GROUP BY in SQL (no rows are read into JavaScript). */
export function projectDashboard(projectId: number, db: Sqlite = rawDb()): ProjectDashboard {
  const byStatus = stmt(db, `SELECT status AS key, COUNT(*) AS count FROM Artifact WHERE projectId = ? GROUP BY status ORDER BY count DESC`).all(projectId) as Count[];
  const byKind = stmt(db, `SELECT kind, status, COUNT(*) AS count FROM Artifact WHERE projectId = ? GROUP BY kind, status ORDER BY kind, status`).all(projectId) as ProjectDashboard["byKind"];
  const byPlatform = stmt(
    db,
    `SELECT u.platform, a.status, COUNT(*) AS count FROM Artifact a JOIN SourceUser u ON u.projectId = a.projectId AND u.uid = a.uid
     WHERE a.projectId = ? GROUP BY u.platform, a.status ORDER BY u.platform, a.status`,
  ).all(projectId) as ProjectDashboard["byPlatform"];
  const verdicts = stmt(
    db,
    `SELECT substr(createdAt, 1, 10) AS day, COUNT(*) AS n FROM VerdictEvent WHERE projectId = ? AND decision <> 'retract' GROUP BY day`,
  ).all(projectId) as { day: string; n: number }[];
  const finalized = stmt(
    db,
    `SELECT substr(finalizedAt, 1, 10) AS day, COUNT(*) AS n FROM Artifact WHERE projectId = ? AND finalizedAt IS NOT NULL GROUP BY day`,
  ).all(projectId) as { day: string; n: number }[];
  const days = [...new Set([...verdicts.map((v) => v.day), ...finalized.map((f) => f.day)])].sort();
  const perDay = days.map((day) => ({ day, verdicts: verdicts.find((v) => v.day === day)?.n ?? 0, finalized: finalized.find((f) => f.day === day)?.n ?? 0 }));
  return { byStatus, byKind, byPlatform, perDay };
}
