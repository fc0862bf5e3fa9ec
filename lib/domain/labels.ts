import type { ArtifactKind, Platform } from "./kinds";

/** One name per artifact kind, the same on every page, in exports' cards and in the CLI's tables. */
export const KIND_LABELS: Record<ArtifactKind, string> = {
  persona: "persona",
  profile: "profile",
  stories: "stories",
  writing_style: "writing style",
  social_qa: "social Q&A",
  scenario: "scenario",
  story: "story",
  behavior_story: "behavior story",
  thoughts: "inner thoughts",
  summary: "summary",
};

export const PLATFORM_LABELS: Record<Platform, string> = { reddit: "Reddit", twitter: "Twitter", blogger: "Blogger", amazon: "Amazon" };

/** A stored code as words: every underscore a space ("in_review" -> "in review", "wrong_format" -> "wrong format"). */
export function words(code: string): string {
  return code.replace(/_/g, " ");
}

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind as ArtifactKind] ?? words(kind);
}

export function platformLabel(platform: string): string {
  return PLATFORM_LABELS[platform as Platform] ?? words(platform);
}

/** A rubric key ("social_qa:why") or a kind, as words: "social Q&A · why". */
export function rubricKeyLabel(key: string): string {
  const [kind, flavor] = key.split(":");
  return flavor ? `${kindLabel(kind)} · ${flavor}` : kindLabel(kind);
}

/** A value a dimension of slices takes (kind, platform, flavor, week), as words. */
export function sliceKeyLabel(dimension: string, key: string): string {
  return dimension === "kind" ? kindLabel(key) : dimension === "platform" ? platformLabel(key) : words(key);
}
