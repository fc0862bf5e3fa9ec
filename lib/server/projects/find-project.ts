import "server-only";
import { db } from "../../db/client";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { PROJECT_COLUMNS, ProjectRow } from "./project-row";

/** The project with this name, or a not-found error that names it (the CLI names projects). */
export async function findProjectByName(name: string): Promise<ProjectRow> {
  const p = await db().maybe(ProjectRow, sql`SELECT ${PROJECT_COLUMNS} FROM "Project" WHERE "name" = ${name}`);
  if (!p) throw new AppError("not_found", `No project is called "${name}".`);
  return p;
}
