import "server-only";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { PROJECT_COLUMNS, ProjectRow } from "./project-row";

const Person = row({ id: col.int, email: col.text, role: col.text });

/** What the settings page shows: the project, its members, and the active annotators and leads who could be. */
export async function projectSettingsView(projectId: number) {
  const [project, members, accounts] = await Promise.all([
    db().one(ProjectRow, sql`SELECT ${PROJECT_COLUMNS} FROM "Project" WHERE "id" = ${projectId}`),
    db().many(row({ accountId: col.int }), sql`SELECT "accountId" FROM "ProjectMember" WHERE "projectId" = ${projectId}`),
    db().many(Person, sql`SELECT "id", "email", "role" FROM "Account" WHERE "role" IN ('annotator', 'lead') AND "active" ORDER BY "email"`),
  ]);
  return { project, memberIds: members.map((m) => m.accountId), accounts };
}
