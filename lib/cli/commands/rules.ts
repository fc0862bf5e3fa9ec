import { findProjectByName } from "../../server/projects/find-project";
import { currentRuleSet, pipelineJson, ruleSetVersion } from "../../server/qc/rule-sets";

/** `cli rules export --project NAME [--version V]`: the rule set as JSON on stdout, for the pipeline. */
export async function exportRulesCommand(opts: { project: string; version?: number }): Promise<number> {
  const project = await findProjectByName(opts.project);
  const v = opts.version === undefined ? await currentRuleSet(project.id) : await ruleSetVersion(project.id, opts.version);
  process.stdout.write(`${JSON.stringify(pipelineJson(project.name, v), null, 2)}\n`);
  return 0;
}
