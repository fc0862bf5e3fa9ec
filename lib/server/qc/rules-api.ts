import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { assertProjectAccess } from "../projects/assert-project-access";
import { currentRuleSet, pipelineJson, ruleSetVersion } from "./rule-sets";

/** A rule set as the pipeline reads it (the same JSON `cli rules export` prints). */
export async function rulesForPipeline(user: SessionUser, projectId: number, version: number | "current") {
  const project = await assertProjectAccess(user, projectId);
  const v = version === "current" ? await currentRuleSet(projectId) : await ruleSetVersion(projectId, version);
  return pipelineJson(project.name, v);
}
