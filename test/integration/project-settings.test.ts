import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { setProjectMembers, updateProjectSettings } from "@/lib/server/projects/update-project-settings";
import type { ProjectSettingsInput } from "@/lib/validation/project-settings";
import { TEST_ACTOR, makeAccount, makeProject } from "../helpers/factories";

/** What the settings form posts: every value a string. */
const form = (projectId: number, over: Record<string, string> = {}) =>
  ({ projectId: String(projectId), description: "pilot", overlap: "3", leaseMinutes: "20", goldRate: "0.1", blindMode: "on", labelMode: "binary", ...over }) as ProjectSettingsInput;

describe("project settings", () => {
  it("saves the settings from form values and audits before and after", async () => {
    const project = await makeProject();
    const saved = await updateProjectSettings(form(project.id), TEST_ACTOR);
    expect(saved).toMatchObject({ overlap: 3, leaseMinutes: 20, goldRate: 0.1, blindMode: true, labelMode: "binary", description: "pilot" });
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "project.settings_changed" } });
    expect(JSON.parse(audit.beforeJson!)).toMatchObject({ overlap: 2, blindMode: false });
    expect(JSON.parse(audit.afterJson!)).toMatchObject({ overlap: 3, blindMode: true });
    expect((await updateProjectSettings(form(project.id, { blindMode: "" }), TEST_ACTOR)).blindMode).toBe(false);
  });

  it("refuses impossible values and changes nothing", async () => {
    const project = await makeProject();
    await expect(updateProjectSettings(form(project.id, { overlap: "0" }), TEST_ACTOR)).rejects.toThrow("At least one verdict per artifact");
    await expect(updateProjectSettings(form(project.id, { goldRate: "1.5" }), TEST_ACTOR)).rejects.toThrow("between 0 and 1");
    expect(await prisma.project.findUniqueOrThrow({ where: { id: project.id } })).toMatchObject({ overlap: 2, goldRate: 0.05 });
  });

  it("assigns exactly the chosen annotators", async () => {
    const project = await makeProject();
    const [a, b, c] = [await makeAccount(), await makeAccount(), await makeAccount()];
    await setProjectMembers(project.id, [a.id, b.id], TEST_ACTOR);
    await setProjectMembers(project.id, [b.id, c.id, c.id], TEST_ACTOR);
    const members = await prisma.projectMember.findMany({ where: { projectId: project.id }, orderBy: { accountId: "asc" } });
    expect(members.map((m) => m.accountId)).toEqual([b.id, c.id].sort((x, y) => x - y));
  });
});
