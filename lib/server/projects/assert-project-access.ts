import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { can } from "../../auth/roles";
import { AppError } from "../../errors";
import { rawDb } from "../raw-db";
import { stmt, type Sqlite } from "../sqlite";

export interface ProjectSettings {
  id: number;
  name: string;
  overlap: number;
  leaseMinutes: number;
  blindMode: boolean;
  /** whether the caller is a member (admins reach every project without being one) */
  member: boolean;
}

/**
 * The project with the caller's membership, if they may enter it: admins every project, leads and
 * annotators the projects they are members of. Anyone else gets the very answer a missing project
 * gets, so project ids cannot be probed. The guard calls it for every door that names a project;
 * use cases call it again where they are reached otherwise.
 */
export function assertProjectAccess(user: Pick<SessionUser, "id" | "role">, projectId: number, db: Sqlite = rawDb()): ProjectSettings {
  const row = stmt(
    db,
    `SELECT p.id, p.name, p.overlap, p.leaseMinutes, p.blindMode,
            EXISTS (SELECT 1 FROM ProjectMember m WHERE m.projectId = p.id AND m.accountId = ?) AS member
     FROM Project p WHERE p.id = ?`,
  ).get(user.id, projectId) as (Omit<ProjectSettings, "blindMode" | "member"> & { blindMode: number; member: number }) | undefined;
  if (!row || (!row.member && !can(user.role, "project:all"))) throw projectNotFound(projectId);
  return { ...row, blindMode: row.blindMode === 1, member: row.member === 1 };
}

export function projectNotFound(projectId: number | string): AppError {
  return new AppError("not_found", `Project ${projectId} does not exist.`);
}
