import "server-only";
import { z } from "zod";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { MIN_LABELS } from "../../domain/qc/proposal";
import { RUBRIC_KEYS } from "../../domain/qc/rule-set";
import { humanLabel } from "./calibration";
import { currentRuleSet } from "./rule-sets";

export interface LabelNeed {
  key: string;
  /** people's final labels of judged artifacts, counted up to `needed` */
  labels: number;
  needed: number;
}

const Counted = row({ key: col.text, labels: col.int });

/**
 * For each rubric key the current rules judge, how many labels calibration has of the `needed`
 * (MIN_LABELS): artifacts people (not rules) accepted or rejected, that the judge scored. Each key is
 * counted only up to what is needed, on the state's status index, so this is cheap enough for every claim.
 */
export async function labelNeeds(projectId: number): Promise<LabelNeed[]> {
  const { rules } = await currentRuleSet(projectId);
  const judged = RUBRIC_KEYS.filter((k) => Object.keys(rules.pass[k] ?? {}).length > 0);
  if (judged.length === 0) return [];
  const keys = judged.map((k) => ({ key: k, kind: k.split(":")[0], flavor: k.includes(":") ? k.split(":")[1] : null }));
  const counted = await db().many(
    Counted,
    sql`SELECT k."key", (SELECT COUNT(*)::int FROM (
                SELECT 1 FROM "ArtifactState" a
                WHERE a."projectId" = ${projectId} AND ${humanLabel("a")} AND a."kind" = k."kind"
                  AND (k."flavor" IS NULL OR COALESCE(a."flavor", 'general') = k."flavor")
                LIMIT ${MIN_LABELS}) l) AS "labels"
        FROM unnest(${keys.map((k) => k.key)}::text[], ${keys.map((k) => k.kind)}::text[], ${keys.map((k) => k.flavor)}::text[]) AS k("key", "kind", "flavor")`,
  );
  return z
    .array(Counted)
    .parse(counted)
    .map((c) => ({ ...c, needed: MIN_LABELS }));
}

/** The rubric keys calibration still lacks labels of: the queue puts them first when the project asks. */
export async function keysLackingLabels(projectId: number): Promise<string[]> {
  return (await labelNeeds(projectId)).filter((n) => n.labels < n.needed).map((n) => n.key);
}
