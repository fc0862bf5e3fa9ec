import "server-only";
import { prisma } from "../../db";
import { AppError } from "../../errors";
import { projectSettings, type ProjectSettingsInput } from "../../validation/project-settings";
import { recordAudit, type Actor } from "../record-audit";

/** Changes a project's review settings; the audit log keeps what they were and what they became. */
export async function updateProjectSettings(raw: ProjectSettingsInput, actor: Actor) {
  const { projectId, ...data } = projectSettings.parse(raw);
  const before = await prisma.project.findUnique({ where: { id: projectId } });
  if (!before) throw new AppError("not_found", `Project ${projectId} does not exist.`);
  const after = await prisma.project.update({ where: { id: projectId }, data });
  const pick = (p: typeof before) => ({ description: p.description, overlap: p.overlap, leaseMinutes: p.leaseMinutes, goldRate: p.goldRate, blindMode: p.blindMode, labelMode: p.labelMode });
  await recordAudit({ ...actor, action: "project.settings_changed", entityType: "Project", entityId: projectId, projectId, before: pick(before), after: pick(after) });
  return after;
}

/** Sets which annotators are assigned to a project (leads and admins see every project anyway). */
export async function setProjectMembers(projectId: number, accountIds: number[], actor: Actor) {
  const before = (await prisma.projectMember.findMany({ where: { projectId }, select: { accountId: true } })).map((m) => m.accountId).sort((a, b) => a - b);
  const wanted = [...new Set(accountIds)].sort((a, b) => a - b);
  await prisma.$transaction([
    prisma.projectMember.deleteMany({ where: { projectId, accountId: { notIn: wanted } } }),
    ...wanted.filter((id) => !before.includes(id)).map((accountId) => prisma.projectMember.create({ data: { projectId, accountId } })),
  ]);
  await recordAudit({ ...actor, action: "project.members_changed", entityType: "Project", entityId: projectId, projectId, before: { accountIds: before }, after: { accountIds: wanted } });
}
