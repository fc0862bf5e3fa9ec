import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { prisma } from "../../db";
import { AppError } from "../../errors";
import { assertProjectAccess } from "../projects/assert-project-access";
import { recordAudit } from "../record-audit";
import { importBatch, type ImportOptions, type ImportResult } from "./import-batch";

export type NamedImportResult = ImportResult & {
  /** the project the batch went into; null when the import failed and the project it would have created was not kept */
  projectId: number | null;
  created: boolean;
};

/**
 * Imports a batch into the project of this name, creating it when there is none, as the upload page
 * and `cli import --project NAME` do. All or nothing includes the project: if the import fails, a
 * project it created is removed again, so a bad file leaves no trace but its report. A caller (the
 * upload page's user) must be allowed into an existing project, and becomes a member of one it creates.
 */
export async function importIntoNamedProject(
  name: string,
  caller: SessionUser | null,
  { assign = [], ...opts }: Omit<ImportOptions, "projectId"> & { /** annotators' emails to make members first (kept only if the import succeeds) */ assign?: string[] },
): Promise<NamedImportResult> {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError("invalid_input", "A project needs a name.");
  const assigned = await prisma.account.findMany({ where: { email: { in: assign }, role: "annotator", active: true }, select: { id: true, email: true } });
  const missing = assign.filter((e) => !assigned.some((a) => a.email === e));
  if (missing.length) throw new AppError("invalid_input", `Not an active annotator: ${missing.join(", ")}. Create the accounts first (npm run cli -- users add).`);
  const existing = await prisma.project.findUnique({ where: { name: trimmed } });
  if (existing) {
    if (caller) {
      try {
        await assertProjectAccess(caller, existing.id);
      } catch {
        throw new AppError("not_found", `You cannot import into a project named "${trimmed}": it is not one of yours. Choose another name, or ask an admin to add you to it.`);
      }
    }
    const added = await addMembers(existing.id, assigned.map((a) => a.id));
    const result = await importOrUndo({ ...opts, projectId: existing.id }, () => prisma.projectMember.deleteMany({ where: { projectId: existing.id, accountId: { in: added } } }));
    return { ...result, projectId: existing.id, created: false };
  }

  const memberIds = [...new Set([...(caller ? [caller.id] : []), ...assigned.map((a) => a.id)])];
  const project = await prisma.project.create({ data: { name: trimmed, members: { create: memberIds.map((accountId) => ({ accountId })) } } });
  const result = await importOrUndo({ ...opts, projectId: project.id }, () => prisma.project.delete({ where: { id: project.id } }));
  if (!result.ok) return { ...result, projectId: null, created: false };
  await recordAudit({ ...opts.actor, action: "project.created", entityType: "Project", entityId: project.id, projectId: project.id, after: project });
  return { ...result, projectId: project.id, created: true };
}

/** Imports the batch; if it fails (bad lines or a crash), undoes what was set up for it. */
async function importOrUndo(opts: ImportOptions, undo: () => Promise<unknown>): Promise<ImportResult> {
  let result: ImportResult;
  try {
    result = await importBatch(opts);
  } catch (e) {
    await undo();
    throw e;
  }
  if (!result.ok) await undo();
  return result;
}

/** Adds the accounts not yet members; returns the ids it added. */
async function addMembers(projectId: number, accountIds: number[]): Promise<number[]> {
  const present = await prisma.projectMember.findMany({ where: { projectId, accountId: { in: accountIds } }, select: { accountId: true } });
  const added = accountIds.filter((id) => !present.some((p) => p.accountId === id));
  if (added.length) await prisma.projectMember.createMany({ data: added.map((accountId) => ({ projectId, accountId })) });
  return added;
}
