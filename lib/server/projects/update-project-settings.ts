import "server-only";
import { prisma } from "../../db";
import { AppError } from "../../errors";
import { projectSettings, type ProjectMembersInput, type ProjectSettingsInput } from "../../validation/project-settings";
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

/**
 * Sets a project's members in one role (its annotators, or its leads), leaving the other role's
 * members alone. Every id must be an active account of that role; a lead cannot take themselves off.
 */
export async function setProjectMembers(input: ProjectMembersInput, actor: Actor & { actorId: number }) {
  const { projectId, role } = input;
  const wanted = [...new Set(input.accountIds)].sort((a, b) => a - b);
  const valid = await prisma.account.findMany({ where: { id: { in: wanted }, role, active: true }, select: { id: true } });
  const unknown = wanted.filter((id) => !valid.some((a) => a.id === id));
  if (unknown.length) throw new AppError("invalid_input", `Not an active ${role}: account${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")}. Reload the page and choose again.`, { fieldErrors: { accountIds: [`not an active ${role}`] } });
  if (role === "lead" && !wanted.includes(actor.actorId) && (await prisma.account.findUnique({ where: { id: actor.actorId } }))?.role === "lead") {
    throw new AppError("conflict", "You cannot take yourself off the project's leads; ask another lead or an admin.");
  }
  const before = (await prisma.projectMember.findMany({ where: { projectId, account: { role } }, select: { accountId: true } })).map((m) => m.accountId).sort((a, b) => a - b);
  await prisma.$transaction([
    prisma.projectMember.deleteMany({ where: { projectId, account: { role }, accountId: { notIn: wanted } } }),
    ...wanted.filter((id) => !before.includes(id)).map((accountId) => prisma.projectMember.create({ data: { projectId, accountId } })),
  ]);
  await recordAudit({ ...actor, action: "project.members_changed", entityType: "Project", entityId: projectId, projectId, before: { role, accountIds: before }, after: { role, accountIds: wanted } });
  return wanted.length;
}
