import "server-only";
import { notFound } from "next/navigation";
import { toAppError } from "../errors";
import { assertProjectAccess, type ProjectSettings } from "../server/projects/assert-project-access";
import type { SessionUser } from "./current-user";
import { requirePage } from "./guard";
import type { Permission } from "./roles";

/**
 * requirePage for a page of one project (`/projects/<id>/<page>`): the user with the permission,
 * and the project if they may see it; a missing project is the not-found page.
 */
export async function requireProjectPage(permission: Permission, projectId: string, page: string): Promise<{ user: SessionUser; id: number; project: ProjectSettings }> {
  const user = await requirePage(permission, `/projects/${projectId}/${page}`);
  const id = Number(projectId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  try {
    return { user, id, project: assertProjectAccess(user, id) };
  } catch (e) {
    if (toAppError(e).code === "not_found") notFound();
    throw e;
  }
}
