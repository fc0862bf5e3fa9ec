import "server-only";
import type { z } from "zod";
import { calibrateKey, type KeyReport, type LabeledArtifact } from "../../domain/qc/calibrate";
import { unpackScores } from "../../domain/qc/packed-scores";
import { evaluate, RUBRIC_KEYS, type RuleSet } from "../../domain/qc/rule-set";
import { reasonsOfFlags, rubricKey, type ArtifactKind, type JudgeMetric, type Thresholds } from "../../domain/kinds";
import { db, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql, type Sql } from "../../db/sql";
import { currentRuleSet } from "./rule-sets";
import { ArtifactSql } from "./rules-sql";
import type { Effect, CalibrationReport } from "../../views/qc";

const kind = col.text as unknown as z.ZodType<ArtifactKind, string>;
const Labeled = row({ kind, flavor: col.text.nullable(), scoresPacked: col.int, status: col.text, reasonFlags: col.int, flags: col.int.nullable(), n: col.int });

/** An artifact (of `alias`) that is a calibration label: people (not rules) accepted or rejected it, and the judge scored it. */
export function humanLabel(alias: string): Sql {
  const c = (name: string) => sql.raw(alias ? `${alias}."${name}"` : `"${name}"`);
  return sql`${c("status")} IN ('accepted', 'rejected') AND ${c("decidedBy")} IN ('annotators', 'lead') AND ${c("scoresPacked")} IS NOT NULL`;
}

/**
 * Calibrates the project's current rule set against people's final labels, per rubric key: only
 * artifacts that annotators or a lead (not rules) decided before `now`, and that the judge scored on
 * the 1-10 scale (those scored off it are counted and left out).
 * For each proposal it also counts what would change among the artifacts still open.
 */
export async function calibrate(projectId: number, opts: { target?: number; now?: Date; db?: Queryable; onProgress?: (fraction: number) => void } = {}): Promise<CalibrationReport> {
  const q = opts.db ?? db();
  const now = opts.now ?? new Date();
  const target = opts.target ?? 0.95;
  const current = await currentRuleSet(projectId, q);
  const byKey = new Map<string, LabeledArtifact[]>();
  // artifacts alike in everything calibration reads come back as one group with its count
  const labels = await q.many(
    Labeled,
    sql`SELECT "kind", "flavor", "scoresPacked", "status", "reasonFlags", "flags", COUNT(*) AS "n" FROM "ArtifactState"
        WHERE "projectId" = ${projectId} AND ${humanLabel("")} AND "finalizedAt" <= ${now}
        GROUP BY "kind", "flavor", "scoresPacked", "status", "reasonFlags", "flags"`,
  );
  let outOfRange = 0;
  for (const r of labels) {
    const scores = unpackScores(r.scoresPacked);
    const outcome = evaluate(current.rules, { kind: r.kind, flavor: r.flavor, scores, flags: r.flags ?? 0 }).outcome;
    if (outcome === "not_judged") continue;
    if (outcome === "out_of_range") {
      outOfRange += r.n; // no threshold on the 1-10 scale can place a score off it
      continue;
    }
    const key = rubricKey(r.kind, r.flavor);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    const labeled = { scores, accepted: r.status === "accepted", passes: outcome === "pass", reasons: r.status === "rejected" ? reasonsOfFlags(r.reasonFlags) : [] };
    for (let i = 0; i < r.n; i++) list.push(labeled);
  }

  const progress = opts.onProgress ?? (() => undefined);
  progress(0.3); // the labels read: the rest is a search per key, then one more read
  const todo = RUBRIC_KEYS.filter((k) => byKey.has(k));
  const keys = todo.map((key, i) => {
    const thresholds = current.rules.pass[key];
    const metrics = Object.keys(thresholds) as JudgeMetric[];
    const report = calibrateKey(key, metrics, thresholds, byKey.get(key)!, { target, seed: `${projectId}:${key}` });
    progress(0.3 + (0.6 * (i + 1)) / todo.length);
    return report;
  });
  const effects = await effectsOnOpen(q, projectId, current.rules, keys);
  return { ranAt: now.toISOString(), ruleSetVersion: current.version, rules: current.rules, target, keys: keys.map((k) => ({ ...k, effect: effects.get(k.key) ?? null })), outOfRange };
}

const EffectRow = row({ key: col.text, open: col.int, passNow: col.int, passProposed: col.int, changed: col.int, autoRejected: col.int });

/**
 * What the proposals would change among the judged artifacts nobody has finished, counted by the
 * database in one pass over them (ArtifactSql): how many pass now and would pass, how many change,
 * how many the proposed reject thresholds would reject.
 */
async function effectsOnOpen(q: Queryable, projectId: number, rules: RuleSet, keys: KeyReport[]): Promise<Map<string, Effect>> {
  const proposals = new Map<string, { accept: Thresholds; reject: Thresholds }>();
  for (const k of keys) if (k.proposal.status === "proposed") proposals.set(k.key, { accept: k.proposal.accept.thresholds, reject: k.proposal.reject.thresholds });
  const effects = new Map<string, Effect>();
  if (proposals.size === 0) return effects;
  const a = new ArtifactSql();
  const proposed = [...proposals.keys()];
  const now = a.byKey(proposed, (k) => a.passes(rules.pass[k as (typeof RUBRIC_KEYS)[number]]));
  const next = a.byKey(proposed, (k) => a.passes(proposals.get(k)!.accept));
  const rejected = a.byKey(proposed, (k) => a.below(proposals.get(k)!.reject));
  const rows = await q.many(
    EffectRow,
    sql`SELECT "key", COUNT(*) AS "open", COUNT(*) FILTER (WHERE "now") AS "passNow", COUNT(*) FILTER (WHERE "next") AS "passProposed",
               COUNT(*) FILTER (WHERE "now" <> "next") AS "changed", COUNT(*) FILTER (WHERE NOT "next" AND "rejected") AS "autoRejected"
        FROM (SELECT ${a.rubricKey()} AS "key", ${now} AS "now", ${next} AS "next", ${rejected} AS "rejected" FROM "ArtifactState"
              WHERE "projectId" = ${projectId} AND "status" IN ('pending', 'in_review', 'disputed') AND "scoresPacked" IS NOT NULL) o
        WHERE "now" IS NOT NULL GROUP BY "key"`,
  );
  for (const { key, ...effect } of rows) effects.set(key, effect);
  return effects;
}
