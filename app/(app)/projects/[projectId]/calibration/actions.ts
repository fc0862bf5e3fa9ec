"use server";
// Server actions of the calibration page; each goes through the one guard.
import { revalidatePath } from "next/cache";
import { guardAction } from "@/lib/auth/guard";
import { calibratesInline, refreshCalibration } from "@/lib/server/qc/calibration-runs";
import { saveProposals } from "@/lib/server/qc/save-proposals";
import { recalibrateInput, saveProposalsInput } from "@/lib/validation/calibration";

export const recalibrateAction = guardAction({ permission: "rules:manage", input: recalibrateInput }, async ({ user, input }) => {
  const inline = await calibratesInline(input.projectId);
  await refreshCalibration(input.projectId, input.target, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${input.projectId}/calibration`);
  return inline ? `Calibrated at precision ${input.target}.` : `Calibrating at precision ${input.target}; its progress shows below.`;
});

export const saveCalibratedRules = guardAction({ permission: "rules:manage", input: saveProposalsInput }, async ({ user, input }) => {
  const { projectId, ...rest } = input;
  const { saved, changes } = await saveProposals(projectId, rest, { actorId: user.id, actorLabel: user.email });
  revalidatePath(`/projects/${projectId}/calibration`);
  return `Saved rule set version ${saved.version} (${changes.map((c) => c.key).join(", ")}); it is current now.`;
});
