import "server-only";
import type { z } from "zod";
import type { SessionUser } from "../../auth/current-user";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { batchCountColumns } from "./batch-counts";
import { visibleTo } from "../projects/list-projects";

const Recent = row({
  id: col.int,
  fileName: col.text,
  status: col.text,
  lines: col.int,
  ...batchCountColumns,
  errorCount: col.int,
  startedAt: col.date,
  projectName: col.text,
  actorLabel: col.text,
});
export type RecentImport = z.output<typeof Recent>;

/** What the import page offers and shows: the projects the user may import into (members; admins all) and the latest imports there. */
export async function importPageData(user: Pick<SessionUser, "id" | "role">): Promise<{ projects: string[]; batches: RecentImport[] }> {
  const mine = visibleTo(user);
  const [projects, batches] = await Promise.all([
    db().many(row({ name: col.text }), sql`SELECT p."name" FROM "Project" p WHERE ${mine} AND p."archivedAt" IS NULL ORDER BY p."name"`),
    db().many(
      Recent,
      sql`SELECT b."id", b."fileName", b."status", b."lines", b."usersNew", b."postsNew", b."artifactsNew", b."verdictsNew", b."unchanged", b."conflicts", b."errorCount",
                 b."startedAt", p."name" AS "projectName", b."actorLabel"
          FROM "ImportBatch" b JOIN "Project" p ON p."id" = b."projectId" WHERE ${mine} ORDER BY b."id" DESC LIMIT 10`,
    ),
  ]);
  return { projects: projects.map((p) => p.name), batches };
}
