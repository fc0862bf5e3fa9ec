import { calibrationForApi } from "../../server/api/pipeline-lead";
import { findProjectByName } from "../../server/projects/find-project";
import { performCalibrationRun, requestCalibration } from "../../server/qc/calibration-runs";
import { pipelineJson } from "../../server/qc/rule-sets";
import { saveProposals } from "../../server/qc/save-proposals";
import { CLI_ACTOR } from "../../server/record-audit";
import { calibrateInput, calibrationReportInput, saveRulesInput } from "../../validation/lead-actions";
import { followJob } from "../follow-job";

/** `cli calibration report --project NAME [--run ID]`: the report as JSON, as the API gives it. */
export async function calibrationReportCommand(opts: { project: string; run?: number }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const input = calibrationReportInput.parse({ projectId: project.id, runId: opts.run });
  process.stdout.write(`${JSON.stringify(await calibrationForApi(input), null, 2)}\n`);
  return 0;
}

/** `cli calibration run --project NAME [--target P]`: calibrates the judge again, as a job with a progress bar. */
export async function calibrateCommand(opts: { project: string; target?: string }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const { target } = calibrateInput.parse({ projectId: project.id, target: opts.target });
  const id = await requestCalibration(project.id, target, CLI_ACTOR, { queued: false });
  const run = await followJob("calibrating", "artifacts bootstrapped", (o) => performCalibrationRun(id, o));
  const keys = run.report?.keys ?? [];
  const proposed = keys.filter((k) => k.proposal.status === "proposed").map((k) => k.key);
  process.stdout.write(
    `Calibration run ${run.id} at precision ${target}: ${keys.length} rubric keys, proposals for ${proposed.length ? proposed.join(", ") : "none"}.\n` +
      (proposed.length ? `Save them with: cli calibration save --project "${project.name}" --run ${run.id} --keys ${proposed.join(",")}\n` : ""),
  );
  return 0;
}

/** `cli calibration save --project NAME --run ID --keys K1,K2 [--note N]`: the proposals as the next rule set version. */
export async function saveRulesCommand(opts: { project: string; run: number; keys: string[]; note?: string }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const { projectId, ...input } = saveRulesInput.parse({ projectId: project.id, runId: opts.run, keys: opts.keys, note: opts.note });
  const { saved, changes } = await saveProposals(projectId, input, CLI_ACTOR);
  process.stdout.write(`${JSON.stringify({ ...pipelineJson(project.name, saved), changes }, null, 2)}\n`);
  return 0;
}
