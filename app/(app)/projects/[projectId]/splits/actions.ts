"use server";
// Server actions of the splits page; each goes through the one guard.
import { revalidatePath } from "next/cache";
import { guardAction } from "@/lib/auth/guard";
import { AppError } from "@/lib/errors";
import { makeSplitVersion } from "@/lib/server/splits/split-runs";
import { requestExport } from "@/lib/server/splits/export-runs";
import { exportRequest, newSplitVersion } from "@/lib/validation/splits";

export const createSplit = guardAction({ permission: "split:manage", input: newSplitVersion }, async ({ user, input }) => {
  const { projectId, seed, ...ratios } = input;
  const run = await makeSplitVersion(projectId, { seed, ratios }, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${projectId}/splits`);
  if (run.status === "failed") throw new AppError("conflict", run.error ?? "Making the version failed.");
  if (!run.result) return "Making the version; its progress shows below.";
  const c = run.result.counts;
  const leftOut = run.result.ruleAcceptedLeftOut ? ` ${run.result.ruleAcceptedLeftOut} rule-accepted artifacts of test users were left out.` : "";
  return `Version ${run.result.version}: train ${c.train.artifacts}, validation ${c.validation.artifacts}, test ${c.test.artifacts} artifacts.${leftOut}`;
});

export const startExport = guardAction({ permission: "split:manage", input: exportRequest }, async ({ user, input }) => {
  await requestExport(input.projectId, input.version, input.action, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/splits`);
  return input.action === "freeze" ? `Freezing version ${input.version}…` : `Exporting version ${input.version}…`;
});
