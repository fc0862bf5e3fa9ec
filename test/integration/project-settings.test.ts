import { describe, expect, it } from "vitest";
import { setProjectMembers, updateProjectSettings } from "@/lib/server/projects/update-project-settings";
import { projectMembers } from "@/lib/validation/project-settings";

const members_ = (projectId: number, role: "annotator" | "lead", ids: number[]) => projectMembers.parse({ projectId, role, accountIds: ids.join(",") });
import type { ProjectSettingsInput } from "@/lib/validation/project-settings";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { auditEvent, sql } from "../helpers/db";
import { TEST_ACTOR, makeAccount, makeProject } from "../helpers/factories";

/** What the settings form posts: every value a string. */
const form = (projectId: number, over: Record<string, string> = {}) =>
  ({ projectId: String(projectId), description: "pilot", overlap: "3", leaseMinutes: "20", goldRate: "0.1", blindMode: "on", labelMode: "binary", ...over }) as ProjectSettingsInput;

describe("project settings", () => {
  it("saves the settings from form values and audits before and after", async () => {
    const project = await makeProject();
    const saved = await updateProjectSettings(form(project.id), TEST_ACTOR);
    expect(saved).toMatchObject({ overlap: 3, leaseMinutes: 20, goldRate: 0.1, blindMode: true, labelMode: "binary", description: "pilot" });
    const audit = await auditEvent({ projectId: project.id, action: "project.settings_changed" });
    expect(audit.before).toMatchObject({ overlap: 2, blindMode: false });
    expect(audit.after).toMatchObject({ overlap: 3, blindMode: true });
    expect((await updateProjectSettings(form(project.id, { blindMode: "" }), TEST_ACTOR)).blindMode).toBe(false);
  });

  it("refuses impossible values and changes nothing", async () => {
    const project = await makeProject();
    await expect(updateProjectSettings(form(project.id, { overlap: "0" }), TEST_ACTOR)).rejects.toThrow("At least one verdict per artifact");
    await expect(updateProjectSettings(form(project.id, { goldRate: "1.5" }), TEST_ACTOR)).rejects.toThrow("between 0 and 1");
    expect(await db().one(row({ overlap: col.int, goldRate: col.num }), sql`SELECT "overlap", "goldRate" FROM "Project" WHERE "id" = ${project.id}`)).toEqual({ overlap: 2, goldRate: 0.05 });
  });

  it("assigns exactly the chosen annotators and leads, each role on its own", async () => {
    const project = await makeProject();
    const [a, b, c, lead, other] = [await makeAccount(), await makeAccount(), await makeAccount(), await makeAccount("lead"), await makeAccount("lead")];
    const actor = { actorId: lead.id, actorLabel: lead.email };
    const members = async () => (await db().many(row({ id: col.int }), sql`SELECT "accountId" AS "id" FROM "ProjectMember" WHERE "projectId" = ${project.id} ORDER BY "accountId"`)).map((m) => m.id);
    await setProjectMembers(members_(project.id, "annotator", [a.id, b.id]), actor);
    await setProjectMembers(members_(project.id, "lead", [lead.id, other.id]), actor);
    await setProjectMembers(members_(project.id, "annotator", [b.id, c.id, c.id]), actor);
    expect(await members()).toEqual([b.id, c.id, lead.id, other.id].sort((x, y) => x - y));
    await setProjectMembers(members_(project.id, "lead", [lead.id]), actor);
    expect(await members()).toEqual([b.id, c.id, lead.id].sort((x, y) => x - y));
  });

  it("refuses ids that are not active accounts of the role, a lead taking themselves off, and ids that are not numbers, changing nothing", async () => {
    const project = await makeProject();
    const [a, lead] = [await makeAccount(), await makeAccount("lead")];
    const actor = { actorId: lead.id, actorLabel: lead.email };
    await setProjectMembers(members_(project.id, "lead", [lead.id]), actor);
    await expect(setProjectMembers(members_(project.id, "annotator", [a.id, lead.id, 999_999]), actor)).rejects.toThrow(`Not an active annotator: accounts ${lead.id}, 999999`);
    await expect(setProjectMembers(members_(project.id, "lead", []), actor)).rejects.toThrow("cannot take yourself off");
    expect(projectMembers.safeParse({ projectId: project.id, role: "annotator", accountIds: "1,x" }).success).toBe(false);
    expect(projectMembers.safeParse({ projectId: project.id, role: "owner", accountIds: "1" }).success).toBe(false);
    expect((await db().many(row({ id: col.int }), sql`SELECT "accountId" AS "id" FROM "ProjectMember" WHERE "projectId" = ${project.id}`)).map((m) => m.id)).toEqual([lead.id]);
  });
});
