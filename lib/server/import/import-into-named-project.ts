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
export async function importIntoNamedProject(name: string, caller: SessionUser | null, opts: Omit<ImportOptions, "projectId">): Promise<NamedImportResult> {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError("invalid_input", "A project needs a name.");
  const existing = await prisma.project.findUnique({ where: { name: trimmed } });
  if (existing) {
    if (caller) {
      try {
        assertProjectAccess(caller, existing.id);
      } catch {
        throw new AppError("not_found", `You cannot import into a project named "${trimmed}": it is not one of yours. Choose another name, or ask an admin to add you to it.`);
      }
    }
    return { ...(await importBatch({ ...opts, projectId: existing.id })), projectId: existing.id, created: false };
  }

  const project = await prisma.project.create({ data: { name: trimmed, ...(caller ? { members: { create: { accountId: caller.id } } } : {}) } });
  let result: ImportResult;
  try {
    result = await importBatch({ ...opts, projectId: project.id });
  } catch (e) {
    await prisma.project.delete({ where: { id: project.id } });
    throw e;
  }
  if (!result.ok) {
    await prisma.project.delete({ where: { id: project.id } });
    return { ...result, projectId: null, created: false };
  }
  await recordAudit({ ...opts.actor, action: "project.created", entityType: "Project", entityId: project.id, projectId: project.id, after: project });
  return { ...result, projectId: project.id, created: true };
}
