import { disputesForApi } from "../../server/api/pipeline-lead";
import { findProjectByName } from "../../server/projects/find-project";
import { triagePreview } from "../../server/qc/triage-preview";
import { performTriageRun, requestTriage } from "../../server/qc/triage-runs";
import { CLI_ACTOR } from "../../server/record-audit";
import { disputesInput } from "../../validation/lead-actions";
import { followJob } from "../follow-job";

/** `cli triage apply --project NAME`: routes the project's unstarted artifacts with its current rules, as a job with a progress bar. */
export async function applyTriageCommand(opts: { project: string }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const id = await requestTriage(project.id, CLI_ACTOR, { queued: false });
  const run = await followJob("triage", "artifacts", (o) => performTriageRun(id, o));
  const r = run.result!;
  process.stdout.write(
    `Rule set v${r.ruleSetVersion}: ${r.routed.auto_accept} auto-accepted, ${r.routed.auto_reject} auto-rejected (${r.audits} of them left for people to audit), ${r.routed.human} for people (queued most uncertain first).\n`,
  );
  return 0;
}

/** `cli triage preview --project NAME`: what triage would do, as JSON. */
export async function triagePreviewCommand(opts: { project: string }): Promise<number> {
  const project = await findProjectByName(opts.project);
  process.stdout.write(`${JSON.stringify(await triagePreview(project.id), null, 2)}\n`);
  return 0;
}

/** `cli disputes --project NAME [--json]`: the disputed artifacts that wait for a lead, the widest splits first. */
export async function disputesCommand(opts: { project: string; json?: boolean; limit?: number }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const page = await disputesForApi(disputesInput.parse({ projectId: project.id, limit: opts.limit }));
  if (opts.json) process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
  else {
    process.stdout.write(
      `${page.total} disputed artifact${page.total === 1 ? "" : "s"} wait${page.total === 1 ? "s" : ""} for a lead${page.total ? ` (adjudicate them on /adjudicate/${project.id})` : ""}.\n`,
    );
    for (const d of page.disputes) process.stdout.write(`${d.id}\t${d.kind}\t${d.accepts} accept, ${d.edits} edit, ${d.rejects} reject\t${d.case}\n`);
  }
  return 0;
}
