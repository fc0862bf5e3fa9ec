import { z } from "zod";
import type { ArtifactKind } from "../domain/kinds";

const text = z.string().min(1, "must not be empty");
const characters = z.record(z.string(), z.string());

const textContent = z.looseObject({ text });
const storiesContent = z.looseObject({
  stories: z.array(z.looseObject({ summary: z.string(), content: text })).min(1, "must hold at least one story"),
});
const socialQaContent = z.looseObject({ scenario: text, question: text, answer: text });
const scenarioContent = z.looseObject({ characters, summary: z.string(), scenario: text });
const storyContent = z.looseObject({ background: z.string(), characters, story: text });
const thoughtsContent = z.looseObject({ background: z.string(), characters, thoughts: text });

/** The content shape of each artifact kind (DESIGN.md, "Artifact kinds"). Extra fields are kept, not dropped. */
export const ARTIFACT_CONTENT: Record<ArtifactKind, z.ZodType<Record<string, unknown>>> = {
  persona: textContent,
  profile: textContent,
  writing_style: textContent,
  summary: textContent,
  stories: storiesContent,
  social_qa: socialQaContent,
  scenario: scenarioContent,
  story: storyContent,
  behavior_story: storyContent,
  thoughts: thoughtsContent,
};

export type SocialQaContent = z.infer<typeof socialQaContent>;
export type StoriesContent = z.infer<typeof storiesContent>;
