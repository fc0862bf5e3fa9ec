import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { can } from "../../auth/roles";
import { AppError } from "../../errors";
import { rawDb } from "../raw-db";

export interface ProjectSettings {
  id: number;
  name: string;
  overlap: number;
  leaseMinutes: number;
  blindMode: boolean;
}

/** The project, if this user may work in it: leads and admins everywhere, annotators where they are assigned. */
export function assertProjectAccess(user: SessionUser, projectId: number): ProjectSettings {
  const db = rawDb();
  const project = db.prepare(`SELECT id, name, overlap, leaseMinutes, blindMode FROM Project WHERE id = ?`).get(projectId) as
    | (Omit<ProjectSettings, "blindMode"> & { blindMode: number })
    | undefined;
  if (!project) throw new AppError("not_found", `Project ${projectId} does not exist.`);
  if (!can(user.role, "project:manage")) {
    const member = db.prepare(`SELECT 1 FROM ProjectMember WHERE projectId = ? AND accountId = ?`).get(projectId, user.id);
    if (!member) throw new AppError("forbidden", "You are not assigned to this project. Ask a lead to add you.");
  }
  return { ...project, blindMode: project.blindMode === 1 };
}
