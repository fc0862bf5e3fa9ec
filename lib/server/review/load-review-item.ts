import "server-only";
import { alignEvidence, type AlignedSentence } from "../../domain/evidence";
import { highlightArtifact, orderedTextFields, type Highlight } from "../../domain/highlights";
import { rubricKey, type ArtifactKind, type JudgeMetric, type Thresholds } from "../../domain/kinds";
import { evaluate, type RuleOutcome, type RUBRIC_KEYS } from "../../domain/qc/rule-set";
import { riskyChecksOf, type RiskyCheck } from "../../domain/risky-checks";
import { currentRuleSet } from "../qc/rule-sets";
import { AppError } from "../../errors";
import type { Sqlite } from "../sqlite";

export interface ReviewPost {
  id: string;
  platform: string;
  kind: string;
  createdAt: string | null;
  title: string | null;
  text: string;
  rewrite: string | null;
  meta: Record<string, unknown>;
  tags: Record<string, unknown>;
  cited: boolean;
}

export interface ReviewItem {
  artifactId: string;
  uid: string;
  platform: string;
  kind: ArtifactKind;
  flavor: string | null;
  content: Record<string, unknown>;
  generator: { model: string | null; prompt: string | null };
  /** null in blind mode, and for artifacts the judge did not score */
  judge: {
    model: string | null;
    scores: Record<string, number>;
    explanation: string | null;
    /** what the project's current rule set says: its minimums for this kind, and the outcome */
    rule: { version: number; outcome: RuleOutcome; min: Thresholds };
  } | null;
  blind: boolean;
  highlights: Highlight[];
  /** the deterministic checks found at import that make an accept risky: accepting over them needs a confirmation */
  riskyChecks: RiskyCheck[];
  evidence: AlignedSentence[];
  /** cited posts first (in the artifact's order), then the rest of the timeline by date */
  posts: ReviewPost[];
  leaseExpiresAt: string | null;
}

const TIMELINE_LIMIT = 200;

/**
 * Everything the review screen shows for one artifact: the evidence, the artifact, its checks.
 * Whether it is a gold artifact is left out on purpose: annotators must not know when they are measured.
 */
export function loadReviewItem(db: Sqlite, projectId: number, artifactId: string, opts: { blind: boolean; leaseExpiresAt?: string | null }): ReviewItem {
  const a = db
    .prepare(`SELECT a.id, a.uid, a.kind, a.flavor, a.contentJson, a.sourcePostIdsJson, a.generatorModel, a.generatorPrompt, a.judgeModel,
                a.judgeScoresJson, a.judgeExplanation, a.flags, u.platform
              FROM Artifact a JOIN SourceUser u ON u.projectId = a.projectId AND u.uid = a.uid WHERE a.projectId = ? AND a.id = ?`)
    .get(projectId, artifactId) as Record<string, string | number | null> | undefined;
  if (!a) throw new AppError("not_found", `Artifact ${artifactId} is not in this project.`);
  const cited: string[] = JSON.parse(String(a.sourcePostIdsJson));
  const rows = db
    .prepare(`SELECT id, platform, kind, createdAt, title, text, rewrite, metaJson, tagsJson FROM Post
              WHERE projectId = ? AND uid = ? ORDER BY createdAt, id LIMIT ?`)
    .all(projectId, a.uid, TIMELINE_LIMIT + cited.length) as Record<string, string | null>[];
  const toPost = (r: Record<string, string | null>): ReviewPost => ({
    id: r.id!,
    platform: r.platform!,
    kind: r.kind!,
    createdAt: r.createdAt,
    title: r.title,
    text: r.text!,
    rewrite: r.rewrite,
    meta: JSON.parse(r.metaJson ?? "{}"),
    tags: JSON.parse(r.tagsJson ?? "{}"),
    cited: cited.includes(r.id!),
  });
  const all = rows.map(toPost);
  const byId = new Map(all.map((p) => [p.id, p]));
  const posts = [...cited.map((id) => byId.get(id)).filter((p): p is ReviewPost => !!p), ...all.filter((p) => !p.cited).slice(0, TIMELINE_LIMIT)];

  const content = JSON.parse(String(a.contentJson)) as Record<string, unknown>;
  const kind = a.kind as ArtifactKind;
  const scores = a.judgeScoresJson ? (JSON.parse(String(a.judgeScoresJson)) as Record<string, number>) : null;
  return {
    artifactId: String(a.id),
    uid: String(a.uid),
    platform: String(a.platform),
    kind,
    flavor: a.flavor as string | null,
    content,
    generator: { model: a.generatorModel as string | null, prompt: a.generatorPrompt as string | null },
    judge: opts.blind || !scores ? null : { model: a.judgeModel as string | null, scores, explanation: a.judgeExplanation as string | null, rule: ruleOf(db, projectId, kind, a.flavor as string | null, scores, Number(a.flags ?? 0)) },
    blind: opts.blind,
    highlights: highlightArtifact(kind, content, posts.filter((p) => p.cited).map((p) => p.text)),
    riskyChecks: riskyChecksOf(Number(a.flags ?? 0)),
    evidence: alignEvidence(orderedTextFields(kind, content), posts.filter((p) => p.cited).map((p) => ({ postId: p.id, text: p.text }))),
    posts,
    leaseExpiresAt: opts.leaseExpiresAt ?? null,
  };
}

function ruleOf(db: Sqlite, projectId: number, kind: ArtifactKind, flavor: string | null, scores: Record<string, number>, flags: number) {
  const { version, rules } = currentRuleSet(projectId, db);
  const min = rules.pass[rubricKey(kind, flavor) as (typeof RUBRIC_KEYS)[number]] ?? {};
  return { version, outcome: evaluate(rules, { kind, flavor, scores: scores as Partial<Record<JudgeMetric, number>>, flags }).outcome, min };
}
