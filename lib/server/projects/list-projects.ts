import "server-only";
import { can } from "../../auth/roles";
import type { SessionUser } from "../../auth/current-user";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql, type Sql } from "../../db/sql";
import type { ProjectProgress } from "../../views/projects";
import { statusRecord } from "../../domain/tally";
import { artifactTallies } from "./tallies";

const Listed = row({ id: col.int, name: col.text, description: col.text, overlap: col.int, blindMode: col.bool });

/** Whether project `p` is one the user may see: admins every project, others those they are members of. */
export function visibleTo(user: Pick<SessionUser, "id" | "role">): Sql {
  return can(user.role, "project:all") ? sql`TRUE` : sql`EXISTS (SELECT 1 FROM "ProjectMember" m WHERE m."projectId" = p."id" AND m."accountId" = ${user.id})`;
}

/**
 * The projects this user may see (admins: all; others: those they are members of) with counts by
 * review status: the active ones, or with `archived` the archived ones.
 */
export async function listProjects(user: SessionUser, opts: { archived?: boolean } = {}): Promise<ProjectProgress[]> {
  const mine = visibleTo(user);
  const archived = opts.archived ? sql`p."archivedAt" IS NOT NULL` : sql`p."archivedAt" IS NULL`;
  const projects = await db().many(Listed, sql`SELECT p."id", p."name", p."description", p."overlap", p."blindMode" FROM "Project" p WHERE ${mine} AND ${archived} ORDER BY p."createdAt" DESC`);
  if (projects.length === 0) return [];
  const counts = await statusCounts(projects.map((p) => p.id));
  return projects.map((p) => {
    const byStatus = counts.get(p.id) ?? {};
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const done = (byStatus.accepted ?? 0) + (byStatus.rejected ?? 0);
    return { ...p, total, byStatus, done };
  });
}

/** Each project's artifacts by review status (a status with none is absent), from the tallies kept on write. */
export async function statusCounts(projectIds: number[]): Promise<Map<number, Record<string, number>>> {
  const tallies = await artifactTallies(projectIds);
  return new Map(projectIds.map((id) => [id, statusRecord(tallies.get(id) ?? [])]));
}

/** How many archived projects this user could see, for the link to them. */
export async function countArchived(user: SessionUser): Promise<number> {
  const mine = visibleTo(user);
  return (await db().one(row({ n: col.int }), sql`SELECT COUNT(*)::int AS "n" FROM "Project" p WHERE ${mine} AND p."archivedAt" IS NOT NULL`)).n;
}
