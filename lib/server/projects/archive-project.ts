import "server-only";
import { db, forNoKeyUpdate } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { projectArchive } from "../../validation/project-settings";
import type { z } from "zod";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";

const State = row({ name: col.text, archivedAt: col.date.nullable() });

/**
 * Archives a project (it leaves the project lists, the import page and the review queues; nothing is
 * deleted) or restores it. The audit log keeps both.
 */
export async function archiveProject(raw: z.input<typeof projectArchive>, actor: Actor): Promise<{ name: string; archivedAt: string | null }> {
  const { projectId, archive } = projectArchive.parse(raw);
  return db().tx(async (t) => {
    const before = await t.maybe(State, sql`SELECT "name", "archivedAt" FROM "Project" WHERE "id" = ${projectId}${forNoKeyUpdate(t)}`);
    if (!before) throw new AppError("not_found", `Project ${projectId} does not exist.`);
    if ((archive === "archive") === (before.archivedAt !== null)) {
      throw new AppError("conflict", `Project ${before.name} is ${before.archivedAt ? "archived" : "not archived"} already.`);
    }
    const at = archive === "archive" ? new Date() : null;
    await t.exec(sql`UPDATE "Project" SET "archivedAt" = ${at}, "updatedAt" = ${new Date()} WHERE "id" = ${projectId}`);
    await writeAudit(t, {
      ...actor,
      action: archive === "archive" ? "project.archived" : "project.restored",
      entityType: "Project",
      entityId: projectId,
      projectId,
      before: { archivedAt: before.archivedAt },
      after: { archivedAt: at?.toISOString() ?? null },
    });
    return { name: before.name, archivedAt: at?.toISOString() ?? null };
  });
}
