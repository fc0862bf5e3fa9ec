import "server-only";
import { db } from "../../db/client";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { PROJECT_COLUMNS, ProjectRow } from "./project-row";

/** The project with this name, created with default settings if there is none yet. */
export async function findOrCreateProject(name: string, actor: Actor): Promise<{ project: ProjectRow; created: boolean }> {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError("invalid_input", "A project needs a name.");
  return db().tx(async (t) => {
    const now = new Date();
    const made = await t.maybe(
      ProjectRow,
      sql`INSERT INTO "Project" ("name", "createdAt", "updatedAt") VALUES (${trimmed}, ${now}, ${now})
          ON CONFLICT ("name") DO NOTHING RETURNING ${PROJECT_COLUMNS}`,
    );
    if (!made) return { project: await t.one(ProjectRow, sql`SELECT ${PROJECT_COLUMNS} FROM "Project" WHERE "name" = ${trimmed}`), created: false };
    await writeAudit(t, { ...actor, action: "project.created", entityType: "Project", entityId: made.id, projectId: made.id, after: made });
    return { project: made, created: true };
  });
}
