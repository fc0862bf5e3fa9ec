import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HIGHLIGHT_KINDS } from "@/lib/domain/highlights";
import { ARTIFACT_KINDS, JUDGE_METRICS, SOCIAL_QA_FLAVORS, type ArtifactKind, type JudgeMetric } from "@/lib/domain/kinds";
import { packScores, unpackScores } from "@/lib/domain/qc/packed-scores";
import { defaultRuleSet, RUBRIC_KEYS, triageRoute, type RuleSet } from "@/lib/domain/qc/rule-set";
import { Rng } from "@/lib/domain/rng";
import { db } from "@/lib/db/client";
import { col, row } from "@/lib/db/columns";
import { triageRouteSql } from "@/lib/server/qc/rules-sql";
import { sql } from "../helpers/db";
import { makeProject } from "../helpers/factories";

/** Rules as a lead might save them: some keys with reject thresholds, pass thresholds moved, some checks failing outright. */
function randomRules(rng: Rng): RuleSet {
  const rules = defaultRuleSet();
  for (const key of RUBRIC_KEYS) {
    const metrics = Object.keys(rules.pass[key]) as JudgeMetric[];
    if (rng.chance(0.2)) rules.pass[key] = {};
    else for (const m of metrics) if (rng.chance(0.5)) rules.pass[key][m] = rng.int(1, 10);
    if (rng.chance(0.6) && metrics.length) rules.reject[key] = Object.fromEntries(metrics.filter(() => rng.chance(0.5)).map((m) => [m, rng.int(1, 10)]));
  }
  rules.failOnFlags = HIGHLIGHT_KINDS.filter(() => rng.chance(0.3));
  return rules;
}

const Routed = row({
  id: col.text,
  kind: col.text as unknown as z.ZodType<ArtifactKind, string>,
  flavor: col.text.nullable(),
  scoresPacked: col.int.nullable(),
  flags: col.int.nullable(),
  route: col.text,
});

describe("triage routing in SQL", () => {
  it("routes every artifact as triageRoute does, for any rules, scores (some off the 1-10 scale), flavors and checks", async () => {
    const rng = new Rng("triage-route-sql");
    const { id: projectId } = await makeProject();
    await db().exec(sql`INSERT INTO "SourceUser" ("projectId", "uid", "platform") VALUES (${projectId}, 'u', 'reddit')`);
    const artifacts = Array.from({ length: 3000 }, (_, i) => {
      const kind = rng.pick(ARTIFACT_KINDS);
      // flavors of social Q&A, none (read as general), one no rubric knows; other kinds' flavors are ignored
      const flavor = rng.pick([...SOCIAL_QA_FLAVORS, null, "unknown"]);
      const scores = rng.chance(0.1) ? null : Object.fromEntries(JUDGE_METRICS.filter(() => rng.chance(0.8)).map((m) => [m, rng.chance(0.01) ? rng.pick([0, 11, -2]) : rng.int(1, 10)]));
      return { id: `r${i}`, kind, flavor, scoresPacked: packScores(scores), flags: rng.chance(0.1) ? null : rng.int(0, 15) };
    });
    await db().exec(
      sql`INSERT INTO "Artifact" ("projectId", "id", "uid", "platform", "kind", "flavor", "scoresPacked", "flags", "contentJson", "sourcePostIdsJson", "importedAt")
          SELECT ${projectId}, a."id", 'u', 'reddit', a."kind", a."flavor", a."scoresPacked", a."flags", '{}', '[]', CURRENT_TIMESTAMP
          FROM json_to_recordset(${JSON.stringify(artifacts)}::json) AS a("id" text, "kind" text, "flavor" text, "scoresPacked" bigint, "flags" int)`,
    );
    const ruleSets = [defaultRuleSet(), ...Array.from({ length: 30 }, () => randomRules(rng))];
    let decided = 0;
    for (const rules of ruleSets) {
      const routed = await db().many(Routed, sql`SELECT "id", "kind", "flavor", "scoresPacked", "flags", ${triageRouteSql(rules, "a")} AS "route" FROM "Artifact" a WHERE "projectId" = ${projectId}`);
      expect(routed).toHaveLength(artifacts.length);
      for (const a of routed) {
        const expected = triageRoute(rules, { kind: a.kind, flavor: a.flavor, scores: a.scoresPacked === null ? null : unpackScores(a.scoresPacked), flags: a.flags ?? 0 });
        expect({ id: a.id, route: a.route }).toEqual({ id: a.id, route: expected });
        if (expected !== "human") decided++;
      }
    }
    // the rules decided a fair share alone, so both routes were compared, not only "human"
    expect(decided).toBeGreaterThan(ruleSets.length * 100);
  });
});
