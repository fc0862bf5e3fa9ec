"use server";
// Server actions of the splits page; each goes through the one guard.
import { revalidatePath } from "next/cache";
import { guardAction } from "@/lib/auth/guard";
import { createSplitVersion } from "@/lib/server/splits/create-split-version";
import { requestExport } from "@/lib/server/splits/export-runs";
import { exportRequest, newSplitVersion } from "@/lib/validation/splits";

export const createSplit = guardAction({ permission: "split:manage", input: newSplitVersion }, async ({ user, input }) => {
  const { projectId, seed, ...ratios } = input;
  const made = await createSplitVersion(projectId, { seed, ratios }, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${projectId}/splits`);
  const c = made.counts;
  const leftOut = made.ruleAcceptedLeftOut ? ` ${made.ruleAcceptedLeftOut} rule-accepted artifacts of test users were left out.` : "";
  return `Version ${made.version}: train ${c.train.artifacts}, validation ${c.validation.artifacts}, test ${c.test.artifacts} artifacts.${leftOut}`;
});

export const startExport = guardAction({ permission: "split:manage", input: exportRequest }, async ({ user, input }) => {
  await requestExport(input.projectId, input.version, input.action, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/splits`);
  return input.action === "freeze" ? `Freezing version ${input.version}…` : `Exporting version ${input.version}…`;
});
