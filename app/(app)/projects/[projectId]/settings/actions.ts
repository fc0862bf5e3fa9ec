"use server";
// Server actions of the project settings page; each goes through the one guard.
import { revalidatePath } from "next/cache";
import { guardAction } from "@/lib/auth/guard";
import { saveTemplate } from "@/lib/server/projects/prompt-templates";
import { setProjectMembers, updateProjectSettings } from "@/lib/server/projects/update-project-settings";
import { promptTemplateInput } from "@/lib/validation/prompt-template";
import { projectArchive, projectMembers, projectSettings } from "@/lib/validation/project-settings";
import { archiveProject } from "@/lib/server/projects/archive-project";

export const saveSettings = guardAction({ permission: "project:manage", input: projectSettings }, async ({ user, input }) => {
  await updateProjectSettings(input, { actorId: user.id, actorLabel: user.email });
  revalidatePath("/");
  return "Settings saved.";
});

export const saveMembers = guardAction({ permission: "project:manage", input: projectMembers }, async ({ user, input }) => {
  const n = await setProjectMembers(input, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/settings`);
  return `${n} ${input.role}${n === 1 ? "" : "s"} assigned.`;
});

export const savePromptTemplate = guardAction({ permission: "project:manage", input: promptTemplateInput }, async ({ user, input }) => {
  const saved = await saveTemplate(input, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/settings`);
  return saved.unchanged ? `Unchanged: still version ${saved.version}.` : `Saved as version ${saved.version}; the next split version uses it.`;
});

export const archiveAction = guardAction({ permission: "project:manage", input: projectArchive }, async ({ user, input }) => {
  const done = await archiveProject(input, { actorId: user.id, actorLabel: user.email });
  revalidatePath("/");
  revalidatePath(`/projects/${input.projectId}/settings`);
  return done.archivedAt ? `${done.name} is archived. Restore it here when it is needed again.` : `${done.name} is restored: it is back in the lists and queues.`;
});
