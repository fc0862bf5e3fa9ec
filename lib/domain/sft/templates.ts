/**
 * The default prompt templates of the SFT tasks. A project keeps its own versions (PromptTemplate);
 * these are version 1. Placeholders are `{name}`; a missing value renders as an empty string.
 */

export const SFT_TASKS = ["profile_from_persona", "social_qa", "scenario", "story", "behavior_story", "thoughts", "writing_imitation"] as const;
export type SftTask = (typeof SFT_TASKS)[number];

export const DEFAULT_TEMPLATES: Record<SftTask, string> = {
  profile_from_persona:
    "Here is a short persona of a social media user:\n{persona}\n\nWrite a detailed profile of this person: demographics, interests, concerns and household.",
  social_qa: "You are simulating this person:\n{persona}\n\nScenario: {scenario}\nQuestion: {question}\nAnswer as this person would.",
  scenario: "Characters: {characters}\nSummary: {summary}\n\nWrite the scenario in which these characters meet, as it would unfold.",
  story: "Background: {background}\nCharacters: {characters}\n\nWrite the story of what happens.",
  behavior_story: "Background: {background}\nCharacters: {characters}\n\nWrite the story of how PersonA behaves.",
  thoughts: "Background: {background}\nCharacters: {characters}\n\nWrite PersonA's inner thoughts.",
  writing_imitation: "Here are earlier posts by one user:\n{past_posts}\n\nWrite their next post, about: {summary}",
};

/** Fills `{name}` placeholders; unknown names render empty so a template typo cannot leak braces into data. */
export function renderTemplate(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{([a-z_]+)\}/g, (_, name: string) => values[name] ?? "");
}
