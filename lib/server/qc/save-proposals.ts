import "server-only";
import { RUBRIC_KEYS, type RuleSet } from "../../domain/qc/rule-set";
import type { Thresholds } from "../../domain/kinds";
import { AppError } from "../../errors";
import { rankStaleDisputes } from "../adjudication/disputes";
import { db, forNoKeyUpdate } from "../../db/client";
import { sql } from "../../db/sql";
import type { Actor } from "../record-audit";
import { calibrationRun } from "./calibration-runs";
import type { CalibrationReport } from "../../views/qc";
import { currentRuleSet, saveRuleSet, type RuleSetVersion } from "./rule-sets";
import type { ProposalChange } from "../../views/qc";

/** The rules a report's proposals make for the chosen keys, and what changes: unreachable proposals change nothing. */
export function rulesWithProposals(report: CalibrationReport, keys: readonly string[]): { rules: RuleSet; changes: ProposalChange[] } {
  const rules: RuleSet = structuredClone(report.rules);
  const changes: ProposalChange[] = [];
  for (const k of report.keys) {
    if (!keys.includes(k.key) || k.proposal.status !== "proposed") continue;
    const key = k.key as (typeof RUBRIC_KEYS)[number];
    const change: ProposalChange = { key, pass: null, reject: null };
    if (k.proposal.accept.reachable && JSON.stringify(k.proposal.accept.thresholds) !== JSON.stringify(rules.pass[key])) {
      change.pass = { before: rules.pass[key], after: k.proposal.accept.thresholds };
      rules.pass[key] = k.proposal.accept.thresholds;
    }
    const rejectBefore = rules.reject[key] ?? {};
    const rejectAfter = k.proposal.reject.reachable ? k.proposal.reject.thresholds : {};
    if (JSON.stringify(rejectAfter) !== JSON.stringify(rejectBefore)) {
      change.reject = { before: rejectBefore, after: rejectAfter };
      if (Object.keys(rejectAfter).length) rules.reject[key] = rejectAfter;
      else delete rules.reject[key];
    }
    if (change.pass || change.reject) changes.push(change);
  }
  return { rules, changes };
}

/**
 * Saves the proposals of the chosen keys of a calibration run as the next rule set version: the
 * report the lead looked at, refused if the current rules changed since it ran.
 */
export async function saveProposals(projectId: number, input: { runId: number; keys: string[]; note: string }, actor: Actor): Promise<{ saved: RuleSetVersion; changes: ProposalChange[] }> {
  const run = await calibrationRun(projectId, input.runId);
  if (!run.report) throw new AppError("conflict", `Calibration run ${run.id} has no report (it ${run.status === "running" ? "is still running" : "failed"}); calibrate again.`);
  const report = run.report;
  const saved = await db().tx(async (t) => {
    // the project's row held first, so the rules cannot change between the check and the save
    await t.exec(sql`SELECT 1 FROM "Project" WHERE "id" = ${projectId}${forNoKeyUpdate(t)}`);
    const { version } = await currentRuleSet(projectId, t);
    if (version !== report.ruleSetVersion) {
      throw new AppError("conflict", `The rules changed to version ${version} since this calibration ran on version ${report.ruleSetVersion}; calibrate again.`);
    }
    const { rules, changes } = rulesWithProposals(report, input.keys);
    if (changes.length === 0) throw new AppError("invalid_input", "The chosen proposals change nothing; choose at least one kind whose thresholds would change.");
    const note = input.note.trim() || `Calibrated at precision ${run.target} on labels up to ${run.labelsAt}: ${changes.map((c) => c.key).join(", ")}`;
    return { saved: await saveRuleSet(projectId, { rules, note, basedOn: report.ruleSetVersion }, actor, t), changes };
  });
  // the judge's side of each dispute moved with the rules: the adjudication list is ranked again now, not on its next load
  await rankStaleDisputes(projectId);
  return saved;
}
