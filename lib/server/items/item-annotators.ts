import "server-only";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";

const Person = row({ id: col.int, email: col.text });

/** The people whose work the items table can filter by: members of the project and anyone with a verdict in it. */
export function itemAnnotators(projectId: number): Promise<{ id: number; email: string }[]> {
  return db().many(
    Person,
    sql`SELECT "id", "email" FROM "Account" WHERE "id" IN (SELECT "accountId" FROM "ProjectMember" WHERE "projectId" = ${projectId})
          OR "id" IN (SELECT DISTINCT "accountId" FROM "VerdictEvent" WHERE "projectId" = ${projectId})
        ORDER BY "email"`,
  );
}
