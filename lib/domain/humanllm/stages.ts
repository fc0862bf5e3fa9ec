import type { ArtifactKind, Platform, SocialQaFlavor } from "../kinds";
import { parseScenario, parseSocialQa, parseStories, parseStory, parseText, parseThoughts } from "./outputs";

// The HumanLLM pipeline's file layout (repository broalantaps/AnthropomorphicIntelligence, folder
// HumanLLM/dataset), as the workbench reads it. Under the data directory each platform has a folder;
// in it:
// - a folder of each user's posts, one file a user (Amazon: one folder a product category);
// - a folder per generation stage: user-level stages write {uid}.txt (the model's answer; the prompt
//   in the folder of the same name with "_prompt" added), post-level stages write one row per post
//   with the answer in a column (JSON Lines, or CSV on Blogger);
// - in each stage folder, _judger_{model}/ holds the judge's answer for the same file (and, for
//   post-level stages, the same post), with scores as <metric>n</metric>.

export type StageLevel = "user" | "post";

export interface Stage {
  /** the folder's name without its "(medium_high)"-style qualifier */
  name: string;
  level: StageLevel;
  kind: ArtifactKind;
  flavor?: SocialQaFlavor;
  /** for post-level stages: the column that holds the answer */
  column?: string;
  /** Blogger's user-level stages: the length of the stage's prompt before the posts (prompt-cut.ts) */
  promptChars?: number;
  parse(text: string): Record<string, unknown> | null;
}

export interface PlatformLayout {
  platform: Platform;
  /** the folder of the users' posts */
  posts: string;
  /** of the posts and the post-level stages' files */
  format: "jsonl" | "csv";
  /** Amazon: every folder has one folder per product category, and a user is a user of one category */
  byCategory: boolean;
  /** the column that identifies a post (Amazon: the product reviewed) */
  postKey: string;
  /** whether the pipeline judges this platform's artifacts (not Amazon's) */
  judged: boolean;
  stages: readonly Stage[];
  /** folders that are the pipeline's own intermediate steps, which the workbench does not import */
  skipped: readonly RegExp[];
  /**
   * How the user-level prompts list the posts, for their cut at 80,000 tokens (token-cut.ts): each
   * entry's marker, and whether the posts go in time order (else in file order). Blogger's prompts
   * are cut by characters instead (prompt-cut.ts).
   */
  promptEntries?: { marker: (k: number) => string; byTime: boolean };
}

const post = (name: string, kind: ArtifactKind, parse: Stage["parse"], column = "sqa_singleblog", flavor?: SocialQaFlavor): Stage => ({ name, level: "post", kind, flavor, column, parse });
const user = (name: string, kind: ArtifactKind, parse: Stage["parse"], promptChars?: number): Stage => ({ name, level: "user", kind, parse, promptChars });

/** Reddit and Twitter write the same stages (the pipeline's *_data_gen.py for each). */
const SOCIAL_STAGES: readonly Stage[] = [
  user("users_persona_v2", "persona", parseText),
  user("users_profile_v2", "profile", parseText),
  user("users_stories", "stories", parseStories),
  user("writing_style", "writing_style", parseText),
  post("scenario_question_answer_from_single_blog", "social_qa", parseSocialQa, "sqa_singleblog", "general"),
  post("scenario_question_answer_from_single_blog_emphisize_thoughts", "social_qa", parseSocialQa, "sqa_singleblog", "thoughts"),
  post("scenario_question_answer_from_single_blog_emphisize_actions", "social_qa", parseSocialQa, "sqa_singleblog", "actions"),
  post("scenario_question_answer_from_single_blog_emphasizereason_v3", "social_qa", parseSocialQa, "sqa_singleblog", "why"),
  post("users_long_scenario_from_single_blog", "scenario", parseScenario),
  post("users_sing_long_story", "story", parseStory),
  post("users_single_long_story_focusonbehavior", "behavior_story", parseStory),
  post("users_thoughts_single_blog", "thoughts", parseThoughts),
  post("users_single_long_thought", "thoughts", parseThoughts),
  post("post_summary_v2", "summary", parseText),
];

const COMMON_SKIPPED = [/_prompt$/, /^by_users_quality_tagging_v2(_rewritten)?$/, /^sft_dataset$/];

/** What Reddit's and Twitter's folders share: JSON Lines keyed by `id`, judged, their prompts' posts in time order. */
const SOCIAL_LAYOUT = {
  posts: "clean_data",
  format: "jsonl",
  byCategory: false,
  postKey: "id",
  judged: true,
  stages: SOCIAL_STAGES,
  promptEntries: { marker: (k: number) => `\n\nPost ${k}:\n`, byTime: true },
} as const;

export const LAYOUTS: Record<Platform, PlatformLayout> = {
  // reddit_data_filter.py keeps every author's rows in before_raw_data/ before it picks the users
  reddit: { platform: "reddit", ...SOCIAL_LAYOUT, skipped: [/^raw_data$/, /^before_raw_data$/, ...COMMON_SKIPPED] },
  twitter: { platform: "twitter", ...SOCIAL_LAYOUT, skipped: [/^raw_data$/, ...COMMON_SKIPPED] },
  // blogger_data_gen.py: CSV files, the cleaned blog in cleaned_text, a quality tag of its own, other stage names and columns
  blogger: {
    platform: "blogger",
    posts: "by_users_quality_tagging",
    format: "csv",
    byCategory: false,
    postKey: "id",
    judged: true,
    stages: [
      // the lengths of blogger_prompt.py's PROMPT_user_persona_v2, PROMPT_user_profile_v2,
      // PROMPT_job_userwise_vividstories, and PROMPT_writing_style with the "\n" the job adds
      user("users_persona_v2", "persona", parseText, 941),
      user("users_profile_v2", "profile", parseText, 1227),
      user("users_stories", "stories", parseStories, 3238),
      user("writing_style_rewritten_text", "writing_style", parseText, 287),
      post("users_scenario_question_answer_from_single_blog_v2", "social_qa", parseSocialQa, "result", "general"),
      post("users_scenario_question_answer_from_single_blog_emphasizethoughts_v2", "social_qa", parseSocialQa, "result", "thoughts"),
      post("users_scenario_question_answer_from_single_blog_emphasizeaction_v2", "social_qa", parseSocialQa, "result", "actions"),
      post("users_scenario_question_answer_from_single_blog_emphasizereason_v2", "social_qa", parseSocialQa, "result", "why"),
      post("users_long_scenario_from_single_blog", "scenario", parseScenario, "longscenario_singleblog"),
      post("users_sing_long_story", "story", parseStory, "single_long_story"),
      post("users_single_long_story_focusonbehavior", "behavior_story", parseStory, "single_long_story_focusonbebaviors"),
      post("users_thoughts_single_blog", "thoughts", parseThoughts, "thoughts_singleblog"),
      post("by_users_blog_summary", "summary", parseText, "result"),
    ],
    skipped: [/^by_users$/, ...COMMON_SKIPPED],
  },
  // amazon_data_gen.py: per product category; reviews are keyed by the product; no judge stage
  amazon: {
    platform: "amazon",
    posts: "clean_data",
    format: "jsonl",
    byCategory: true,
    postKey: "item_id",
    judged: false,
    stages: [
      user("users_persona", "persona", parseText),
      user("users_profile", "profile", parseText),
      user("writing_style", "writing_style", parseText),
      post("review_summary_v2", "summary", parseText, "summary"),
    ],
    skipped: [/^raw_data$/, ...COMMON_SKIPPED],
    promptEntries: { marker: (k) => `\nHistory ${k}:`, byTime: false },
  },
};

export const HUMANLLM_PLATFORMS = Object.keys(LAYOUTS) as Platform[];

/** A stage folder's name without its qualifier: "users_persona_v2(medium_high)" → "users_persona_v2". */
export const stageName = (folder: string) => folder.replace(/\([^)]*\)$/, "");

export type FolderRole = { role: "posts" } | { role: "stage"; stage: Stage } | { role: "skipped" } | { role: "unknown" };

/** What a folder in a platform's directory is. */
export function folderRole(layout: PlatformLayout, folder: string): FolderRole {
  if (folder === layout.posts) return { role: "posts" };
  const stage = layout.stages.find((s) => s.name === stageName(folder));
  if (stage) return { role: "stage", stage };
  if (layout.skipped.some((re) => re.test(folder))) return { role: "skipped" };
  return { role: "unknown" };
}

/**
 * Whether a file in a stage folder is the pipeline's own and no generation: a name that starts with
 * an underscore, such as the _job_log.txt of Blogger's generation jobs (judge folders start so too).
 */
export const isPipelineOwnFile = (name: string) => name.startsWith("_");

/** The judge folders of a stage folder: "_judger" or "_judger_{model}", with the model's name. */
export function judgeModelOf(folder: string): string | null {
  const m = /^_judger(?:_(.+))?$/.exec(folder);
  return m ? (m[1] ?? "") : null;
}

const ext = (l: PlatformLayout) => (l.format === "csv" ? "csv" : "json");

/** What the reader expects, for the message that refuses anything else. */
export function expectedLayout(platforms: readonly Platform[] = HUMANLLM_PLATFORMS): string {
  return [
    `a directory with a folder per platform (${HUMANLLM_PLATFORMS.join(", ")}), as the HumanLLM pipeline writes under ~/HumanLLM_data; in each, the users' posts and any of the stage folders, each with its _judger_{model}/ folder:`,
    ...platforms.map((p) => {
      const l = LAYOUTS[p];
      const cat = l.byCategory ? "{category}/" : "";
      return [
        `${p}/${l.posts}/${cat}{uid}.${ext(l)} (posts)`,
        ...l.stages.map((s) => `  ${p}/${s.name}[(...)]/${cat}{uid}.${s.level === "user" ? "txt" : ext(l)} → ${s.kind}${s.flavor ? ` (${s.flavor})` : ""}`),
      ].join("\n");
    }),
  ].join("\n");
}
