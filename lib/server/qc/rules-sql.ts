import "server-only";
import { HIGHLIGHT_FLAGS } from "../../domain/highlights";
import { JUDGE_METRICS, type JudgeMetric, type Thresholds } from "../../domain/kinds";
import { RUBRIC_KEYS, type RuleSet } from "../../domain/qc/rule-set";
import { sql, type Sql } from "../../db/sql";

const ALIAS = /^[a-z]*$/;

/**
 * The rules' tests as SQL over an "Artifact" row (of `alias`, if given), for the database to judge
 * a million artifacts and count them instead of sending every distinct score vector to the server.
 * A metric's score is its four bits of "scoresPacked" (0: not scored, 15: off the 1-10 scale).
 */
export class ArtifactSql {
  constructor(private readonly alias = "") {
    if (!ALIAS.test(alias)) throw new Error(`not an alias: ${alias}`);
  }

  column(name: string): Sql {
    return sql.raw(this.alias ? `${this.alias}."${name}"` : `"${name}"`);
  }

  score(m: JudgeMetric): Sql {
    return sql`((${this.column("scoresPacked")} >> ${sql.raw(String(4 * JUDGE_METRICS.indexOf(m)))}) & 15)`;
  }

  /** some metric scored off the scale: a nibble with all four bits set (OUT_OF_RANGE_BITS; evaluate's out_of_range) */
  outOfRange(): Sql {
    const p = this.column("scoresPacked");
    return sql`(COALESCE(${p} & (${p} >> 1) & (${p} >> 2) & (${p} >> 3) & ${sql.raw(String(LOW_BITS))}::bigint, 0) <> 0)`;
  }

  /** rubricKey(kind, flavor) */
  rubricKey(): Sql {
    return sql`(CASE WHEN ${this.column("kind")} = 'social_qa' THEN 'social_qa:' || COALESCE(${this.column("flavor")}, 'general') ELSE ${this.column("kind")} END)`;
  }

  /** every metric of `t` scored at or above its threshold (an unscored one is under) and none off the scale; true for no thresholds */
  passes(t: Thresholds | undefined): Sql {
    const mins = entries(t);
    return mins.length
      ? sql`(NOT ${this.outOfRange()} AND ${sql.join(
          mins.map(([m, min]) => sql`${this.score(m)} >= ${min}::int`),
          sql` AND `,
        )})`
      : sql`TRUE`;
  }

  /** some metric of `t` scored and under its threshold, none off the scale; false for no thresholds */
  below(t: Thresholds | undefined): Sql {
    const mins = entries(t);
    return mins.length
      ? sql`(NOT ${this.outOfRange()} AND (${sql.join(
          mins.map(([m, min]) => sql`(${this.score(m)} > 0 AND ${this.score(m)} < ${min}::int)`),
          sql` OR `,
        )}))`
      : sql`FALSE`;
  }

  /** `test(key)` of the row's rubric key, for the keys given; NULL for any other */
  byKey(keys: readonly string[], test: (key: string) => Sql): Sql {
    if (keys.length === 0) return sql`NULL`;
    return sql`(CASE ${this.rubricKey()} ${sql.join(
      keys.map((k) => sql`WHEN ${k}::text THEN ${test(k)}`),
      sql` `,
    )} END)`;
  }
}

/** the lowest bit of every metric's nibble */
const LOW_BITS = JUDGE_METRICS.reduce((bits, _, i) => bits + 2 ** (4 * i), 0);

const entries = (t: Thresholds | undefined) => Object.entries(t ?? {}) as [JudgeMetric, number][];

/**
 * triageRoute (lib/domain/qc/rule-set.ts) as one SQL expression; test/integration/rules-sql.test.ts
 * holds the two equal.
 */
export function triageRouteSql(rules: RuleSet, alias = ""): Sql {
  const a = new ArtifactSql(alias);
  const packed = a.column("scoresPacked");
  const whens: Sql[] = [sql`WHEN ${a.outOfRange()} THEN 'human'`];
  const failMask = rules.failOnFlags.reduce((bits, f) => bits | HIGHLIGHT_FLAGS[f], 0);
  if (failMask) whens.push(sql`WHEN (COALESCE(${a.column("flags")}, 0) & ${failMask}::int) <> 0 THEN 'auto_reject'`);
  const calibrated = RUBRIC_KEYS.filter((key) => entries(rules.reject[key]).length > 0); // any other key goes to people
  if (calibrated.length) {
    const key = a.rubricKey();
    whens.push(sql`WHEN ${packed} IS NULL THEN 'human'`);
    for (const k of calibrated) {
      whens.push(sql`WHEN ${key} = ${k}::text AND ${a.below(rules.reject[k])} THEN 'auto_reject'`);
      if (entries(rules.pass[k]).length > 0) whens.push(sql`WHEN ${key} = ${k}::text AND ${a.passes(rules.pass[k])} THEN 'auto_accept'`);
    }
  }
  return sql`(CASE ${sql.join(whens, sql` `)} ELSE 'human' END)`;
}
