import "server-only";
import { prisma } from "../../db";
import { AppError } from "../../errors";
import { recordAudit, type Actor } from "../record-audit";

/** The project with this name, created with default settings if there is none yet. */
export async function findOrCreateProject(name: string, actor: Actor) {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError("invalid_input", "A project needs a name.");
  const existing = await prisma.project.findUnique({ where: { name: trimmed } });
  if (existing) return { project: existing, created: false };
  const project = await prisma.project.create({ data: { name: trimmed } });
  await recordAudit({ ...actor, action: "project.created", entityType: "Project", entityId: project.id, projectId: project.id, after: project });
  return { project, created: true };
}
