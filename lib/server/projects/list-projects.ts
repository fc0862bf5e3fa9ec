import "server-only";
import { can } from "../../auth/roles";
import type { SessionUser } from "../../auth/current-user";
import { prisma } from "../../db";

export interface ProjectProgress {
  id: number;
  name: string;
  description: string;
  overlap: number;
  blindMode: boolean;
  total: number;
  byStatus: Record<string, number>;
  /** accepted + rejected, over total */
  done: number;
}

/** The projects this user may see (admins: all; others: those they are members of) with counts by review status. */
export async function listProjects(user: SessionUser): Promise<ProjectProgress[]> {
  const seeAll = can(user.role, "project:all");
  const projects = await prisma.project.findMany({
    where: seeAll ? {} : { members: { some: { accountId: user.id } } },
    orderBy: { createdAt: "desc" },
  });
  if (projects.length === 0) return [];
  const counts = await prisma.artifact.groupBy({
    by: ["projectId", "status"],
    where: { projectId: { in: projects.map((p) => p.id) } },
    _count: { _all: true },
  });
  return projects.map((p) => {
    const byStatus: Record<string, number> = {};
    for (const c of counts) if (c.projectId === p.id) byStatus[c.status] = c._count._all;
    const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
    const done = (byStatus.accepted ?? 0) + (byStatus.rejected ?? 0);
    return { id: p.id, name: p.name, description: p.description, overlap: p.overlap, blindMode: p.blindMode, total, byStatus, done };
  });
}
