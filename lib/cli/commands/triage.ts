import { applyTriage } from "../../server/qc/apply-triage";
import { findProjectByName } from "../../server/projects/find-project";
import { CLI_ACTOR } from "../../server/record-audit";

/** `cli triage apply --project NAME`: routes the project's unstarted artifacts with its current rules. */
export async function applyTriageCommand(opts: { project: string }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const r = await applyTriage(project.id, CLI_ACTOR);
  process.stdout.write(
    `Rule set v${r.ruleSetVersion}: ${r.routed.auto_accept} auto-accepted, ${r.routed.auto_reject} auto-rejected (${r.audits} of them left for people to audit), ${r.routed.human} for people (queued most uncertain first).\n`,
  );
  return 0;
}
