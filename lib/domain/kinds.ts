/**
 * The vocabulary of the HumanLLM pipeline (DESIGN.md): platforms, post kinds, artifact kinds and
 * flavors, judge metrics and the default pass rubric, and the reviewers' reason codes.
 */

export const PLATFORMS = ["reddit", "twitter", "blogger", "amazon"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const POST_KINDS = ["submission", "comment", "tweet", "blog", "review"] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** Which post kinds each platform produces. */
export const POST_KINDS_BY_PLATFORM: Record<Platform, readonly PostKind[]> = {
  reddit: ["submission", "comment"],
  twitter: ["tweet"],
  blogger: ["blog"],
  amazon: ["review"],
};

export const ARTIFACT_KINDS = ["persona", "profile", "stories", "writing_style", "social_qa", "scenario", "story", "behavior_story", "thoughts", "summary"] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

export const SOCIAL_QA_FLAVORS = ["general", "thoughts", "actions", "why"] as const;
export type SocialQaFlavor = (typeof SOCIAL_QA_FLAVORS)[number];

/** User-level artifacts describe a whole user; post-level ones are written from one or a few posts. */
export const USER_LEVEL_KINDS: readonly ArtifactKind[] = ["persona", "profile", "stories", "writing_style"];
export function isUserLevel(kind: ArtifactKind): boolean {
  return USER_LEVEL_KINDS.includes(kind);
}

/**
 * Kinds whose sentences are not claims a post should support one by one: how a user writes, or a
 * summary of many posts. The review screen does not mark their sentences "no support".
 */
export const UNALIGNED_KINDS: readonly ArtifactKind[] = ["writing_style", "summary"];
export function alignsSentences(kind: ArtifactKind): boolean {
  return !UNALIGNED_KINDS.includes(kind);
}

export const JUDGE_METRICS = ["hallucination", "coverage", "conciseness", "relevance", "fluency", "informativeness", "novelty", "fidelity", "leakage", "overall"] as const;
export type JudgeMetric = (typeof JUDGE_METRICS)[number];

/** The rubric's scale: a judge score is a whole number from 1 to 10. */
export const SCORE_RANGE = { min: 1, max: 10 } as const;

/**
 * Whether a judge score is on the rubric's scale. The pipeline's judges can answer anything an
 * integer can be (`<leakage>0</leakage>`), and the workbench keeps it as given: a score off the scale
 * is stored, shown, and leaves the artifact to people (QC rules never decide it).
 */
export function inScoreRange(score: number): boolean {
  return Number.isInteger(score) && score >= SCORE_RANGE.min && score <= SCORE_RANGE.max;
}

/** Minimum score per metric for "pass"; an empty object means the kind is not judged. */
export type Thresholds = Partial<Record<JudgeMetric, number>>;

const POST_LEVEL_METRICS: Thresholds = { hallucination: 8, coverage: 8, fidelity: 8, novelty: 8, overall: 9 };

/** The default rubric from DESIGN.md, keyed by kind or `social_qa:<flavor>`. */
export const DEFAULT_RUBRIC: Record<string, Thresholds> = {
  persona: { hallucination: 8, coverage: 7, conciseness: 8, relevance: 8, overall: 8 },
  profile: {
    hallucination: 8,
    coverage: 8,
    relevance: 9,
    fluency: 9,
    conciseness: 8,
    informativeness: 8,
    novelty: 8,
    overall: 8,
  },
  stories: { hallucination: 8, coverage: 8, informativeness: 8, novelty: 7, overall: 8 },
  writing_style: {},
  "social_qa:general": { hallucination: 8, coverage: 8, fidelity: 8, novelty: 8, leakage: 8, overall: 9 },
  "social_qa:thoughts": { hallucination: 8, coverage: 8, fidelity: 8, novelty: 8, leakage: 8, overall: 9 },
  "social_qa:actions": { hallucination: 8, coverage: 8, fidelity: 8, novelty: 8, leakage: 8, overall: 9 },
  "social_qa:why": { hallucination: 8, coverage: 8, fidelity: 8, novelty: 7, leakage: 7, overall: 8 },
  scenario: POST_LEVEL_METRICS,
  story: POST_LEVEL_METRICS,
  behavior_story: POST_LEVEL_METRICS,
  thoughts: POST_LEVEL_METRICS,
  summary: {},
};

/** The rubric key of an artifact: its kind, or `social_qa:<flavor>`. */
export function rubricKey(kind: ArtifactKind, flavor?: string | null): string {
  return kind === "social_qa" ? `social_qa:${flavor ?? "general"}` : kind;
}

/** The judge metrics a kind is scored on (empty when the kind is not judged). */
export function metricsFor(kind: ArtifactKind, flavor?: string | null): JudgeMetric[] {
  return Object.keys(DEFAULT_RUBRIC[rubricKey(kind, flavor)] ?? {}) as JudgeMetric[];
}

export const REASON_CODES = ["hallucination", "contradiction", "leakage", "pii", "unsafe", "generic", "wrong_format", "off_topic", "duplicate", "garbled", "other"] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** The reason codes whose bits are set (the inverse of reasonFlagsOf). */
export function reasonsOfFlags(bits: number): ReasonCode[] {
  return REASON_CODES.filter((_, i) => (bits & (1 << i)) !== 0);
}

/** Reason codes as bits of one integer (the code's position in REASON_CODES), stored per artifact for filtering. */
export function reasonFlagsOf(reasons: readonly string[]): number {
  return reasons.reduce((bits, r) => {
    const i = (REASON_CODES as readonly string[]).indexOf(r);
    return i < 0 ? bits : bits | (1 << i);
  }, 0);
}

export const DECISIONS = ["accept", "edit", "reject"] as const;
export type Decision = (typeof DECISIONS)[number];
