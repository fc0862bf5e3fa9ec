import "server-only";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { z } from "zod";
import { AppError, describeIssues } from "../../errors";
import type { SettingsPatch } from "../../validation/lead-actions";
import { projectSettings, type ProjectMembersInput, type ProjectSettingsInput } from "../../validation/project-settings";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { PROJECT_COLUMNS, ProjectRow } from "./project-row";

const pick = (p: ProjectRow) => ({
  description: p.description,
  overlap: p.overlap,
  leaseMinutes: p.leaseMinutes,
  goldRate: p.goldRate,
  blindMode: p.blindMode,
  labelMode: p.labelMode,
  calibrationFirst: p.calibrationFirst,
});

/**
 * A project's settings with `patch` over them, checked as the settings form's are (an API or CLI
 * change names only what it changes). Throws a 422 naming each bad field.
 */
export function settingsAfter(p: ProjectRow, patch: Omit<SettingsPatch, "projectId">) {
  const merged = { ...pick(p), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)), projectId: p.id };
  const parsed = projectSettings.safeParse(merged);
  if (!parsed.success) throw new AppError("invalid_input", describeIssues(parsed.error.issues, { root: "settings" }), { fieldErrors: z.flattenError(parsed.error).fieldErrors });
  return parsed.data;
}

/** Changes the settings a script names and keeps the rest. */
export async function patchProjectSettings(patch: SettingsPatch, actor: Actor): Promise<ProjectRow> {
  const before = await db().maybe(ProjectRow, sql`SELECT ${PROJECT_COLUMNS} FROM "Project" WHERE "id" = ${patch.projectId}`);
  if (!before) throw new AppError("not_found", `Project ${patch.projectId} does not exist.`);
  const { projectId: _, ...rest } = patch;
  return updateProjectSettings(settingsAfter(before, rest), actor);
}

/** Changes a project's review settings; the audit log keeps what they were and what they became. */
export async function updateProjectSettings(raw: ProjectSettingsInput, actor: Actor): Promise<ProjectRow> {
  const { projectId, ...s } = projectSettings.parse(raw);
  return db().tx(async (t) => {
    const before = await t.maybe(ProjectRow, sql`SELECT ${PROJECT_COLUMNS} FROM "Project" WHERE "id" = ${projectId}`);
    if (!before) throw new AppError("not_found", `Project ${projectId} does not exist.`);
    const after = await t.one(
      ProjectRow,
      sql`UPDATE "Project" SET "description" = ${s.description}, "overlap" = ${s.overlap}, "leaseMinutes" = ${s.leaseMinutes}, "goldRate" = ${s.goldRate},
            "blindMode" = ${s.blindMode}, "labelMode" = ${s.labelMode}, "calibrationFirst" = ${s.calibrationFirst}, "updatedAt" = ${new Date()}
          WHERE "id" = ${projectId} RETURNING ${PROJECT_COLUMNS}`,
    );
    await writeAudit(t, { ...actor, action: "project.settings_changed", entityType: "Project", entityId: projectId, projectId, before: pick(before), after: pick(after) });
    return after;
  });
}

const Id = row({ id: col.int });

/**
 * Sets a project's members in one role (its annotators, or its leads), leaving the other role's
 * members alone. Every id must be an active account of that role; a lead cannot take themselves off.
 */
export async function setProjectMembers(input: ProjectMembersInput, actor: Actor): Promise<number> {
  const { projectId, role } = input;
  const wanted = [...new Set(input.accountIds)].sort((a, b) => a - b);
  return db().tx(async (t) => {
    const valid = new Set((await t.many(Id, sql`SELECT "id" FROM "Account" WHERE "id" IN ${sql.list(wanted)} AND "role" = ${role} AND "active"`)).map((a) => a.id));
    const unknown = wanted.filter((id) => !valid.has(id));
    if (unknown.length)
      throw new AppError("invalid_input", `Not an active ${role}: account${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")}. Reload the page and choose again.`, {
        fieldErrors: { accountIds: [`not an active ${role}`] },
      });
    const self = actor.actorId ? await t.maybe(row({ role: col.text }), sql`SELECT "role" FROM "Account" WHERE "id" = ${actor.actorId}`) : undefined;
    if (role === "lead" && actor.actorId && !wanted.includes(actor.actorId) && self?.role === "lead") {
      throw new AppError("conflict", "You cannot take yourself off the project's leads; ask another lead or an admin.");
    }
    const inRole = sql`"accountId" IN (SELECT "id" FROM "Account" WHERE "role" = ${role})`;
    const before = (await t.many(row({ id: col.int }), sql`SELECT "accountId" AS "id" FROM "ProjectMember" WHERE "projectId" = ${projectId} AND ${inRole} ORDER BY "accountId"`)).map((m) => m.id);
    const keep = wanted.length ? sql` AND "accountId" NOT IN ${sql.list(wanted)}` : sql.empty;
    await t.exec(sql`DELETE FROM "ProjectMember" WHERE "projectId" = ${projectId} AND ${inRole}${keep}`);
    for (const accountId of wanted.filter((id) => !before.includes(id))) {
      await t.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId") VALUES (${projectId}, ${accountId}) ON CONFLICT DO NOTHING`);
    }
    await writeAudit(t, {
      ...actor,
      action: "project.members_changed",
      entityType: "Project",
      entityId: projectId,
      projectId,
      before: { role, accountIds: before },
      after: { role, accountIds: wanted },
    });
    return wanted.length;
  });
}
