import "server-only";
import { z } from "zod";
import { alignEvidence } from "../../domain/evidence";
import { highlightArtifact, orderedTextFields, type Highlight } from "../../domain/highlights";
import { alignsSentences, rubricKey, type ArtifactKind, type JudgeMetric, type Thresholds } from "../../domain/kinds";
import { evaluate, type RuleOutcome, type RUBRIC_KEYS } from "../../domain/qc/rule-set";
import { riskyChecksOf, type RiskyCheck } from "../../domain/risky-checks";
import { rulesOf } from "../qc/rule-sets";
import { AppError } from "../../errors";
import type { Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import type { ReviewPost, ReviewItem } from "../../views/review";

const TIMELINE_LIMIT = 200;

const PostRow = z.object({
  id: col.text,
  platform: col.text,
  kind: col.text,
  createdAt: col.date.nullable(),
  title: col.text.nullable(),
  text: col.text,
  rewrite: col.text.nullable(),
  meta: col.json(z.record(z.string(), z.unknown())).nullable(),
  tags: col.json(z.record(z.string(), z.unknown())).nullable(),
});

const Target = row({
  id: col.text,
  uid: col.text,
  kind: col.text as unknown as z.ZodType<ArtifactKind, string>,
  flavor: col.text.nullable(),
  content: col.json(z.record(z.string(), z.unknown())),
  cited: col.json(z.array(z.string())),
  generatorModel: col.text.nullable(),
  generatorPrompt: col.text.nullable(),
  judgeModel: col.text.nullable(),
  scores: col.json(z.record(z.string(), z.number())).nullable(),
  judgeExplanation: col.text.nullable(),
  flags: col.int.nullable(),
  platform: col.text,
  posts: col.json(z.array(PostRow)),
  ruleVersion: col.int.nullable(),
  rulesJson: col.text.nullable(),
});

/**
 * Everything the review screen shows for one artifact: the evidence, the artifact, its checks.
 * Whether it is a gold artifact is left out on purpose: annotators must not know when they are measured.
 */
export async function loadReviewItem(q: Queryable, projectId: number, artifactId: string, opts: { blind: boolean; leaseExpiresAt?: string | null }): Promise<ReviewItem> {
  // one query: the artifact, its user's timeline (the first TIMELINE_LIMIT posts by date) with every
  // cited post wherever it falls, and the project's current rule set
  const a = await q.maybe(
    Target,
    sql`SELECT a."id", a."uid", a."kind", a."flavor", a."contentJson" AS "content", a."sourcePostIdsJson" AS "cited", a."generatorModel", a."generatorPrompt", a."judgeModel",
               a."judgeScoresJson" AS "scores", a."judgeExplanation", a."flags", u."platform",
               (SELECT COALESCE(json_agg(json_build_object('id', p."id", 'platform', p."platform", 'kind', p."kind", 'createdAt', p."createdAt", 'title', p."title", 'text', p."text",
                                                           'rewrite', p."rewrite", 'meta', p."metaJson", 'tags', p."tagsJson") ORDER BY p."createdAt", p."id"), '[]'::json)
                FROM ((SELECT * FROM "Post" WHERE "projectId" = a."projectId" AND "uid" = a."uid" ORDER BY "createdAt", "id" LIMIT ${TIMELINE_LIMIT})
                      UNION
                      (SELECT * FROM "Post" WHERE "projectId" = a."projectId" AND "id" IN (SELECT jsonb_array_elements_text(a."sourcePostIdsJson"::jsonb)))) p) AS "posts",
               r."version" AS "ruleVersion", r."rulesJson"
        FROM "Artifact" a JOIN "SourceUser" u ON u."projectId" = a."projectId" AND u."uid" = a."uid"
             JOIN "Project" j ON j."id" = a."projectId" LEFT JOIN "RuleSet" r ON r."id" = j."currentRuleSetId"
        WHERE a."projectId" = ${projectId} AND a."id" = ${artifactId}`,
  );
  if (!a) throw new AppError("not_found", `Artifact ${artifactId} is not in this project.`);
  const ruleSet = opts.blind ? null : rulesOf(a.ruleVersion, a.rulesJson);
  const all = a.posts.map((r): ReviewPost => ({ ...r, meta: r.meta ?? {}, tags: r.tags ?? {}, cited: a.cited.includes(r.id) }));
  const byId = new Map(all.map((p) => [p.id, p]));
  const posts = [...a.cited.map((id) => byId.get(id)).filter((p): p is ReviewPost => !!p), ...all.filter((p) => !p.cited).slice(0, TIMELINE_LIMIT)];

  const { kind, content, scores } = a;
  const flags = a.flags ?? 0;
  return {
    artifactId: a.id,
    uid: a.uid,
    platform: a.platform,
    kind,
    flavor: a.flavor,
    content,
    generator: { model: a.generatorModel, prompt: a.generatorPrompt },
    judge: !ruleSet || !scores ? null : { model: a.judgeModel, scores, explanation: a.judgeExplanation, rule: ruleOf(ruleSet, kind, a.flavor, scores, flags) },
    blind: opts.blind,
    // real names from every post of the user on screen, not only the cited ones
    highlights: highlightArtifact(
      kind,
      content,
      posts.map((p) => p.text),
    ),
    riskyChecks: riskyChecksOf(flags),
    evidence: alignsSentences(kind)
      ? alignEvidence(orderedTextFields(kind, content), posts.filter((p) => p.cited).map(evidencePost), { uncited: posts.filter((p) => !p.cited).map(evidencePost) })
      : [],
    posts,
    leaseExpiresAt: opts.leaseExpiresAt ?? null,
  };
}

const evidencePost = (p: ReviewPost) => ({ postId: p.id, text: p.text });

function ruleOf({ version, rules }: ReturnType<typeof rulesOf>, kind: ArtifactKind, flavor: string | null, scores: Record<string, number>, flags: number) {
  const min = rules.pass[rubricKey(kind, flavor) as (typeof RUBRIC_KEYS)[number]] ?? {};
  return { version, outcome: evaluate(rules, { kind, flavor, scores: scores as Partial<Record<JudgeMetric, number>>, flags }).outcome, min };
}
