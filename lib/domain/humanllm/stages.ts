import type { ArtifactKind, Platform, SocialQaFlavor } from "../kinds";
import { parseScenario, parseSocialQa, parseStories, parseStory, parseText, parseThoughts } from "./outputs";

// The HumanLLM pipeline's file layout (repository broalantaps/AnthropomorphicIntelligence, folder
// HumanLLM/dataset), as the workbench reads it. Under the data directory each platform has a folder;
// in it:
// - clean_data/{uid}.json: the user's posts, one JSON object a line, with the pipeline's rewrite and
//   quality tag;
// - a folder per generation stage: user-level stages write {uid}.txt (the model's answer; the prompt
//   in the folder of the same name with "_prompt" added), post-level stages write {uid}.json, one
//   line per post with the answer in a column;
// - in each stage folder, _judger_{model}/ holds the judge's answer for the same file (and, for
//   post-level stages, the same post id), with scores as <metric>n</metric>.

export type StageLevel = "user" | "post";

export interface Stage {
  /** the folder's name without its "(medium_high)"-style qualifier */
  name: string;
  level: StageLevel;
  kind: ArtifactKind;
  flavor?: SocialQaFlavor;
  /** for post-level stages: the column that holds the answer */
  column?: string;
  parse(text: string): Record<string, unknown> | null;
}

const post = (name: string, kind: ArtifactKind, parse: Stage["parse"], flavor?: SocialQaFlavor): Stage => ({ name, level: "post", kind, flavor, column: "sqa_singleblog", parse });
const user = (name: string, kind: ArtifactKind, parse: Stage["parse"]): Stage => ({ name, level: "user", kind, parse });

export const STAGES: readonly Stage[] = [
  user("users_persona_v2", "persona", parseText),
  user("users_profile_v2", "profile", parseText),
  user("users_stories", "stories", parseStories),
  user("writing_style", "writing_style", parseText),
  post("scenario_question_answer_from_single_blog", "social_qa", parseSocialQa, "general"),
  post("scenario_question_answer_from_single_blog_emphisize_thoughts", "social_qa", parseSocialQa, "thoughts"),
  post("scenario_question_answer_from_single_blog_emphisize_actions", "social_qa", parseSocialQa, "actions"),
  post("scenario_question_answer_from_single_blog_emphasizereason_v3", "social_qa", parseSocialQa, "why"),
  post("users_long_scenario_from_single_blog", "scenario", parseScenario),
  post("users_sing_long_story", "story", parseStory),
  post("users_single_long_story_focusonbehavior", "behavior_story", parseStory),
  post("users_thoughts_single_blog", "thoughts", parseThoughts),
  post("users_single_long_thought", "thoughts", parseThoughts),
  post("post_summary_v2", "summary", parseText),
];

/**
 * Folders of a platform that are the pipeline's own intermediate steps, which the workbench does
 * not import: the raw download, the second tagging pass, generation prompts (read beside their
 * stage), and the SFT files the pipeline makes last.
 */
const KNOWN_OTHER = [/^raw_data$/, /^by_users_quality_tagging_v2(_rewritten)?$/, /_prompt$/, /^sft_dataset$/];

/** The platforms the reader takes, and the post kind each one's clean_data holds. */
export const HUMANLLM_PLATFORMS: readonly Platform[] = ["reddit", "twitter"];

/** A stage folder's name without its qualifier: "users_persona_v2(medium_high)" → "users_persona_v2". */
export const stageName = (folder: string) => folder.replace(/\([^)]*\)$/, "");

export type FolderRole = { role: "posts" } | { role: "stage"; stage: Stage } | { role: "skipped" } | { role: "unknown" };

/** What a folder in a platform's directory is. */
export function folderRole(folder: string): FolderRole {
  if (folder === "clean_data") return { role: "posts" };
  const stage = STAGES.find((s) => s.name === stageName(folder));
  if (stage) return { role: "stage", stage };
  if (KNOWN_OTHER.some((re) => re.test(folder))) return { role: "skipped" };
  return { role: "unknown" };
}

/** The judge folders of a stage folder: "_judger" or "_judger_{model}", with the model's name. */
export function judgeModelOf(folder: string): string | null {
  const m = /^_judger(?:_(.+))?$/.exec(folder);
  return m ? (m[1] ?? "") : null;
}

/** What the reader expects, for the message that refuses anything else. */
export function expectedLayout(): string {
  return [
    `a directory with one folder per platform (${HUMANLLM_PLATFORMS.join(", ")}), as the HumanLLM pipeline writes under ~/HumanLLM_data;`,
    "in each: clean_data/{uid}.json (the user's posts, JSON Lines) and any of these stage folders, each with its _judger_{model}/ folder:",
    ...STAGES.map((s) => `  ${s.name}[(...)]/{uid}.${s.level === "user" ? "txt" : "json"} → ${s.kind}${s.flavor ? ` (${s.flavor})` : ""}`),
  ].join("\n");
}
