import "server-only";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import type { NewProjectInput } from "../../validation/lead-actions";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { actorSeesAll } from "./actor-sees-all";
import { projectNameUnavailable } from "./project-name-unavailable";
import { PROJECT_COLUMNS, ProjectRow } from "./project-row";
import { settingsAfter } from "./update-project-settings";

/**
 * Creates a project with the settings given (the defaults for the rest). Refuses a name in use:
 * precisely to an actor who may see that project (a member, an admin, the CLI), else with the
 * answer that shows nothing of it (projectNameUnavailable). A lead who creates one becomes its
 * member (`member`), or they could not see it.
 */
export async function createProject(input: NewProjectInput, actor: Actor, opts: { member?: number } = {}): Promise<ProjectRow> {
  const { name, ...given } = input;
  return db().tx(async (t) => {
    const taken = await t.maybe(
      row({ id: col.int, member: col.bool }),
      sql`SELECT p."id", EXISTS (SELECT 1 FROM "ProjectMember" m WHERE m."projectId" = p."id" AND m."accountId" = ${actor.actorId ?? null}) AS "member"
          FROM "Project" p WHERE p."name" = ${name}`,
    );
    if (taken && !taken.member && !(await actorSeesAll(actor, t))) throw projectNameUnavailable(name);
    if (taken) throw new AppError("conflict", `A project named "${name}" exists already (id ${taken.id}); choose another name, or change that one's settings.`);
    const now = new Date();
    const made = await t.one(ProjectRow, sql`INSERT INTO "Project" ("name", "createdAt", "updatedAt") VALUES (${name}, ${now}, ${now}) RETURNING ${PROJECT_COLUMNS}`);
    const s = settingsAfter(made, given);
    const project = await t.one(
      ProjectRow,
      sql`UPDATE "Project" SET "description" = ${s.description}, "overlap" = ${s.overlap}, "leaseMinutes" = ${s.leaseMinutes}, "goldRate" = ${s.goldRate},
            "blindMode" = ${s.blindMode}, "labelMode" = ${s.labelMode}, "calibrationFirst" = ${s.calibrationFirst}
          WHERE "id" = ${made.id} RETURNING ${PROJECT_COLUMNS}`,
    );
    if (opts.member !== undefined) await t.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${project.id}, ${opts.member}, ${now})`);
    await writeAudit(t, { ...actor, action: "project.created", entityType: "Project", entityId: project.id, projectId: project.id, after: project });
    return project;
  });
}
