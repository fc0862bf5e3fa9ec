/**
 * The default prompt templates of the SFT tasks. A project keeps its own versions (PromptTemplate);
 * these are version 1. Placeholders are `{name}`; a missing value renders as an empty string.
 */

export const SFT_TASKS = ["profile_from_persona", "social_qa", "scenario", "story", "behavior_story", "thoughts", "writing_imitation"] as const;
export type SftTask = (typeof SFT_TASKS)[number];

export const DEFAULT_TEMPLATES: Record<SftTask, string> = {
  profile_from_persona: "Here is a short persona of a social media user:\n{persona}\n\nWrite a detailed profile of this person: demographics, interests, concerns and household.",
  social_qa: "You are simulating this person:\n{persona}\n\nScenario: {scenario}\nQuestion: {question}\nAnswer as this person would.",
  scenario: "Characters: {characters}\nSummary: {summary}\n\nWrite the scenario in which these characters meet, as it would unfold.",
  story: "Background: {background}\nCharacters: {characters}\n\nWrite the story of what happens.",
  behavior_story: "Background: {background}\nCharacters: {characters}\n\nWrite the story of how PersonA behaves.",
  thoughts: "Background: {background}\nCharacters: {characters}\n\nWrite PersonA's inner thoughts.",
  writing_imitation: "Here are earlier posts by one user:\n{past_posts}\n\nWrite their next post, about: {summary}",
};

/** The placeholders each task's template may use (what the record builder fills in). */
export const TEMPLATE_FIELDS: Record<SftTask, readonly string[]> = {
  profile_from_persona: ["persona"],
  social_qa: ["persona", "scenario", "question"],
  scenario: ["characters", "summary"],
  story: ["background", "characters"],
  behavior_story: ["background", "characters"],
  thoughts: ["background", "characters"],
  writing_imitation: ["past_posts", "summary"],
};

export const MAX_TEMPLATE_CHARS = 4000;

/** What is wrong with a template for a task, or null: empty, too long, or a placeholder the task does not fill. */
export function templateProblem(task: SftTask, template: string): string | null {
  if (!template.trim()) return "A template cannot be empty.";
  if (template.length > MAX_TEMPLATE_CHARS) return `Keep a template under ${MAX_TEMPLATE_CHARS.toLocaleString("en")} characters.`;
  const known = TEMPLATE_FIELDS[task];
  const unknown = [...new Set([...template.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]))].filter((name) => !known.includes(name));
  if (unknown.length) return `Unknown placeholder${unknown.length > 1 ? "s" : ""} ${unknown.map((n) => `{${n}}`).join(", ")}; ${task} fills ${known.map((n) => `{${n}}`).join(", ")}.`;
  return null;
}

/** A template's version per task; the defaults above are version 1 of every task. */
export type TemplateVersions = Record<SftTask, number>;
export const DEFAULT_VERSIONS = Object.fromEntries(SFT_TASKS.map((t) => [t, 1])) as TemplateVersions;

/** Fills `{name}` placeholders; unknown names render empty so a template typo cannot leak braces into data. */
export function renderTemplate(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{([a-z_]+)\}/g, (_, name: string) => values[name] ?? "");
}
