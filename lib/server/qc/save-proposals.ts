import "server-only";
import { RUBRIC_KEYS, type RuleSet } from "../../domain/qc/rule-set";
import type { Thresholds } from "../../domain/kinds";
import { AppError } from "../../errors";
import { db, forUpdate } from "../../db/client";
import { sql } from "../../db/sql";
import type { Actor } from "../record-audit";
import { calibrate } from "./calibration";
import type { CalibrationReport } from "../../views/qc";
import { saveRuleSet, type RuleSetVersion } from "./rule-sets";
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
 * Saves the proposals of the chosen keys as the next rule set version. The calibration is run again
 * as of `ranAt` (the labels the lead looked at), and refused if the current rules changed meanwhile.
 */
export async function saveProposals(
  projectId: number,
  input: { keys: string[]; note: string; target: number; ranAt: Date; basedOn: number },
  actor: Actor,
): Promise<{ saved: RuleSetVersion; changes: ProposalChange[] }> {
  return db().tx(async (t) => {
    // the project's row held first, so the rules cannot change between the check and the save
    await t.exec(sql`SELECT 1 FROM "Project" WHERE "id" = ${projectId}${forUpdate(t)}`);
    const report = await calibrate(projectId, { target: input.target, now: input.ranAt, db: t });
    if (report.ruleSetVersion !== input.basedOn) {
      throw new AppError("conflict", `The rules changed to version ${report.ruleSetVersion} since this calibration ran on version ${input.basedOn}; calibrate again.`);
    }
    const { rules, changes } = rulesWithProposals(report, input.keys);
    if (changes.length === 0) throw new AppError("invalid_input", "The chosen proposals change nothing; choose at least one kind whose thresholds would change.");
    const note = input.note.trim() || `Calibrated at precision ${input.target} on labels up to ${input.ranAt.toISOString()}: ${changes.map((c) => c.key).join(", ")}`;
    return { saved: await saveRuleSet(projectId, { rules, note, basedOn: input.basedOn }, actor, t), changes };
  });
}
