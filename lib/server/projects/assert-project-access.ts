import "server-only";
import type { z } from "zod";
import type { SessionUser } from "../../auth/current-user";
import { can } from "../../auth/roles";
import { db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";

const ProjectSettings = row({
  id: col.int,
  name: col.text,
  overlap: col.int,
  leaseMinutes: col.int,
  blindMode: col.bool,
  calibrationFirst: col.bool,
  archivedAt: col.date.nullable(),
  /** whether the caller is a member (admins reach every project without being one) */
  member: col.bool,
});
export type ProjectSettings = z.output<typeof ProjectSettings>;

/**
 * The project with the caller's membership, if they may enter it: admins every project, leads and
 * annotators the projects they are members of. Anyone else gets the very answer a missing project
 * gets, so project ids cannot be probed. The guard calls it for every door that names a project;
 * use cases call it again where they are reached otherwise.
 */
export async function assertProjectAccess(user: Pick<SessionUser, "id" | "role">, projectId: number, q: Queryable = db()): Promise<ProjectSettings> {
  const p = await q.maybe(
    ProjectSettings,
    sql`SELECT p."id", p."name", p."overlap", p."leaseMinutes", p."blindMode", p."calibrationFirst", p."archivedAt",
               EXISTS (SELECT 1 FROM "ProjectMember" m WHERE m."projectId" = p."id" AND m."accountId" = ${user.id}) AS "member"
        FROM "Project" p WHERE p."id" = ${projectId}`,
  );
  if (!p || (!p.member && !can(user.role, "project:all"))) throw projectNotFound(projectId);
  return p;
}

export function projectNotFound(projectId: number | string): AppError {
  return new AppError("not_found", `Project ${projectId} does not exist.`);
}
