import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { z } from "zod";
import { toAppError } from "../errors";
import type { ProjectSettings } from "../server/projects/assert-project-access";
import { currentUser, type SessionUser } from "./current-user";
import { enter } from "./guard";
import { can, type Permission } from "./roles";

// The guard for server components (pages): the same steps as the route and action guards in
// lib/auth/guard.ts, answered the way pages answer: the login page, the not-found page, the 403 page.

/** The signed-in user, or a redirect to the login page that comes back to `from`. */
async function signedIn(from: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(from)}`);
  return user;
}

/** The signed-in user with the permission, or a redirect to the login page / the 403 page. */
export async function requirePage(permission: Permission, from: string): Promise<SessionUser> {
  const user = await signedIn(from);
  if (!can(user.role, permission)) forbidden();
  return user;
}

const projectPage = z.object({ projectId: z.coerce.number().int().positive() });

/**
 * For a page of one project (the raw `projectId` route param): the user, and the project with their
 * membership. A project they may not enter is the not-found page, exactly like a missing one; a
 * project they are a member of, without the permission, is the 403 page.
 */
export async function requireProjectPage(permission: Permission, projectId: string, from: string): Promise<{ user: SessionUser; id: number; project: ProjectSettings }> {
  const user = await signedIn(from);
  try {
    const { project } = await enter(user, permission, projectPage, { projectId });
    return { user, id: project.id, project };
  } catch (e) {
    const code = toAppError(e).code;
    if (code === "not_found" || code === "invalid_input") notFound();
    if (code === "forbidden") forbidden();
    throw e;
  }
}
