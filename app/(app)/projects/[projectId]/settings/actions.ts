"use server";
// Server actions of the project settings page; each goes through the one guard.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { guardAction } from "@/lib/auth/guard";
import { saveTemplate } from "@/lib/server/projects/prompt-templates";
import { setProjectMembers, updateProjectSettings } from "@/lib/server/projects/update-project-settings";
import { promptTemplateInput } from "@/lib/validation/prompt-template";
import { projectSettings } from "@/lib/validation/project-settings";

export const saveSettings = guardAction({ permission: "project:manage", input: projectSettings }, async ({ user, input }) => {
  await updateProjectSettings(input, { actorId: user.id, actorLabel: user.email });
  revalidatePath("/");
  return "Settings saved.";
});

const members = z.object({ projectId: z.coerce.number().int().positive(), accountIds: z.string().default("") });

export const saveMembers = guardAction({ permission: "project:manage", input: members }, async ({ user, input }) => {
  const ids = input.accountIds.split(",").filter(Boolean).map(Number).filter(Number.isInteger);
  await setProjectMembers(input.projectId, ids, { actorId: user.id, actorLabel: user.email });
  return `${ids.length} annotator${ids.length === 1 ? "" : "s"} assigned.`;
});

export const savePromptTemplate = guardAction({ permission: "project:manage", input: promptTemplateInput }, async ({ user, input }) => {
  const saved = saveTemplate(input, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/settings`);
  return saved.unchanged ? `Unchanged: still version ${saved.version}.` : `Saved as version ${saved.version}; the next split version uses it.`;
});
