import "server-only";
import { calibrateKey, type KeyReport, type LabeledArtifact } from "../../domain/qc/calibrate";
import { unpackScores } from "../../domain/qc/packed-scores";
import { evaluate, RUBRIC_KEYS, type RuleSet } from "../../domain/qc/rule-set";
import { reasonsOfFlags, rubricKey, type ArtifactKind, type JudgeMetric, type Thresholds } from "../../domain/kinds";
import { rawDb } from "../raw-db";
import { sqlDate, stmt, type Sqlite } from "../sqlite";
import { currentRuleSetSync } from "./rule-sets";

export interface Effect {
  /** judged artifacts no person has finished yet */
  open: number;
  passNow: number;
  passProposed: number;
  /** open artifacts whose pass/fail the proposal would change */
  changed: number;
  /** open artifacts the proposed reject thresholds would reject without a person */
  autoRejected: number;
}

export interface CalibrationReport {
  ranAt: string;
  ruleSetVersion: number;
  rules: RuleSet;
  target: number;
  keys: (KeyReport & { effect: Effect | null })[];
}

interface Row {
  kind: ArtifactKind;
  flavor: string | null;
  scoresPacked: number;
  status: string;
  reasonFlags: number;
  flags: number | null;
}

/**
 * Calibrates the project's current rule set against people's final labels, per rubric key: only
 * artifacts that annotators or a lead (not rules) decided before `now`, and that the judge scored.
 * For each proposal it also counts what would change among the artifacts still open.
 */
export function calibrate(projectId: number, opts: { target?: number; now?: Date; db?: Sqlite } = {}): CalibrationReport {
  const db = opts.db ?? rawDb();
  const now = opts.now ?? new Date();
  const target = opts.target ?? 0.95;
  const current = currentRuleSetSync(projectId, db);
  const byKey = new Map<string, LabeledArtifact[]>();
  const labels = stmt(
    db,
    `SELECT kind, flavor, scoresPacked, status, reasonFlags, flags FROM Artifact INDEXED BY Artifact_items_idx
     WHERE projectId = ? AND status IN ('accepted', 'rejected') AND decidedBy IN ('annotators', 'lead') AND finalizedAt <= ? AND scoresPacked IS NOT NULL`,
  ).iterate(projectId, sqlDate(now)) as Iterable<Row>;
  for (const r of labels) {
    const scores = unpackScores(r.scoresPacked);
    const outcome = evaluate(current.rules, { kind: r.kind, flavor: r.flavor, scores, flags: r.flags ?? 0 }).outcome;
    if (outcome === "not_judged") continue;
    const key = rubricKey(r.kind, r.flavor);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push({ scores, accepted: r.status === "accepted", passes: outcome === "pass", reasons: r.status === "rejected" ? reasonsOfFlags(r.reasonFlags) : [] });
  }

  const keys = RUBRIC_KEYS.filter((k) => byKey.has(k)).map((key) => {
    const thresholds = current.rules.pass[key];
    const metrics = Object.keys(thresholds) as JudgeMetric[];
    return calibrateKey(key, metrics, thresholds, byKey.get(key)!, { target, seed: `${projectId}:${key}` });
  });
  const effects = effectsOnOpen(db, projectId, current.rules, keys);
  return { ranAt: now.toISOString(), ruleSetVersion: current.version, rules: current.rules, target, keys: keys.map((k) => ({ ...k, effect: effects.get(k.key) ?? null })) };
}

/** What the proposals would change among the judged artifacts nobody has finished (one pass over them). */
function effectsOnOpen(db: Sqlite, projectId: number, rules: RuleSet, keys: KeyReport[]): Map<string, Effect> {
  const proposals = new Map<string, { accept: Thresholds; reject: Thresholds }>();
  for (const k of keys) if (k.proposal.status === "proposed") proposals.set(k.key, { accept: k.proposal.accept.thresholds, reject: k.proposal.reject.thresholds });
  const effects = new Map<string, Effect>();
  if (proposals.size === 0) return effects;
  const open = stmt(
    db,
    `SELECT kind, flavor, scoresPacked FROM Artifact INDEXED BY Artifact_items_idx
     WHERE projectId = ? AND status IN ('pending', 'in_review', 'disputed') AND scoresPacked IS NOT NULL`,
  ).iterate(projectId) as Iterable<Pick<Row, "kind" | "flavor" | "scoresPacked">>;
  const passes = (scores: Partial<Record<JudgeMetric, number>>, t: Thresholds) => Object.entries(t).every(([m, min]) => (scores[m as JudgeMetric] ?? 0) >= min!);
  const below = (scores: Partial<Record<JudgeMetric, number>>, t: Thresholds) => Object.entries(t).some(([m, min]) => typeof scores[m as JudgeMetric] === "number" && scores[m as JudgeMetric]! < min!);
  for (const r of open) {
    const key = rubricKey(r.kind, r.flavor);
    const p = proposals.get(key);
    if (!p) continue;
    const scores = unpackScores(r.scoresPacked);
    let e = effects.get(key);
    if (!e) effects.set(key, (e = { open: 0, passNow: 0, passProposed: 0, changed: 0, autoRejected: 0 }));
    const now = passes(scores, rules.pass[key as (typeof RUBRIC_KEYS)[number]]);
    const next = passes(scores, p.accept);
    e.open++;
    if (now) e.passNow++;
    if (next) e.passProposed++;
    if (now !== next) e.changed++;
    if (!next && below(scores, p.reject)) e.autoRejected++;
  }
  return effects;
}
