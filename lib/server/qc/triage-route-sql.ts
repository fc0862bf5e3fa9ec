import "server-only";
import { HIGHLIGHT_FLAGS } from "../../domain/highlights";
import { JUDGE_METRICS, type JudgeMetric, type Thresholds } from "../../domain/kinds";
import { RUBRIC_KEYS, type RuleSet } from "../../domain/qc/rule-set";
import { sql, type Sql } from "../../db/sql";

const COLUMN = /^[a-z]*$/;

/**
 * triageRoute (lib/domain/qc/rule-set.ts) as one SQL expression over an "Artifact" row (of
 * `alias`, if given), for the database to route a million artifacts and count them by route
 * instead of sending every distinct score vector to the server. A metric's score is its four bits
 * of "scoresPacked" (0: not scored). test/integration/triage-route-sql.test.ts holds the two equal.
 */
export function triageRouteSql(rules: RuleSet, alias = ""): Sql {
  if (!COLUMN.test(alias)) throw new Error(`not an alias: ${alias}`);
  const column = (name: string) => sql.raw(alias ? `${alias}."${name}"` : `"${name}"`);
  const packed = column("scoresPacked");
  const score = (m: JudgeMetric) => sql`((${packed} >> ${sql.raw(String(4 * JUDGE_METRICS.indexOf(m)))}) & 15)`;
  const entries = (t: Thresholds | undefined) => Object.entries(t ?? {}) as [JudgeMetric, number][];
  const whens: Sql[] = [];
  const failMask = rules.failOnFlags.reduce((bits, f) => bits | HIGHLIGHT_FLAGS[f], 0);
  if (failMask) whens.push(sql`WHEN (COALESCE(${column("flags")}, 0) & ${failMask}::int) <> 0 THEN 'auto_reject'`);
  for (const key of RUBRIC_KEYS) {
    const rejectBelow = entries(rules.reject[key]);
    if (rejectBelow.length === 0) continue; // a key triage was not calibrated for goes to people
    const [kind, flavor] = key.split(":");
    const ofKey = flavor ? sql`${column("kind")} = 'social_qa' AND COALESCE(${column("flavor")}, 'general') = ${flavor}::text` : sql`${column("kind")} = ${kind}::text`;
    const below = rejectBelow.map(([m, t]) => sql`(${score(m)} > 0 AND ${score(m)} < ${t}::int)`);
    whens.push(sql`WHEN ${ofKey} AND ${packed} IS NOT NULL AND (${sql.join(below, sql` OR `)}) THEN 'auto_reject'`);
    const mins = entries(rules.pass[key]);
    if (mins.length > 0)
      whens.push(
        sql`WHEN ${ofKey} AND ${packed} IS NOT NULL AND ${sql.join(
          mins.map(([m, min]) => sql`${score(m)} >= ${min}::int`),
          sql` AND `,
        )} THEN 'auto_accept'`,
      );
  }
  return whens.length ? sql`(CASE ${sql.join(whens, sql` `)} ELSE 'human' END)` : sql`'human'`;
}
