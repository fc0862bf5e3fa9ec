import { nestingProblem } from "../json-depth";
import { JUDGE_METRICS, type JudgeMetric } from "../kinds";

// What the HumanLLM pipeline's LLM stages write, parsed: quality tags on posts, the judge's
// `<metric>n</metric>` scores, and each generation prompt's XML or JSON answer. A generation that
// answered "NULL" (nothing worth extracting) or that cannot be read gives null: the pipeline drops
// those too.

const tag = (text: string, name: string): string | null => {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, "i").exec(text);
  return m ? m[1].trim() : null;
};

/** Whether a generation declined: "NULL", empty, or too short to be anything. */
export function isNullOutput(text: string | null | undefined): boolean {
  const t = (text ?? "").trim();
  return t === "" || /^null$/i.test(t) || /^```(xml)?\s*null\s*```$/i.test(t);
}

/** `<quality>high</quality><harmless>yes</harmless>` as the import format's post tags. */
export function parseQualityTags(text: unknown): { quality?: string; harmless?: string } | null {
  if (typeof text !== "string") return null;
  const quality = tag(text, "quality")?.toLowerCase();
  const harmless = tag(text, "harmless")?.toLowerCase();
  const out: { quality?: string; harmless?: string } = {};
  if (quality === "high" || quality === "medium" || quality === "low") out.quality = quality;
  if (harmless === "yes" || harmless === "no") out.harmless = harmless;
  return Object.keys(out).length ? out : null;
}

/** Whether the pipeline let a post into its generation prompts: high or medium quality, harmless. */
export function isQualified(tags: { quality?: string; harmless?: string } | null): boolean {
  return !!tags && (tags.quality === "high" || tags.quality === "medium") && tags.harmless === "yes";
}

/**
 * The judge's scores: every `<metric>n</metric>` with a metric the workbench knows and n from 1 to
 * 10 (the judge answers in XML, sometimes wrapped in `<data>`; other tags are ignored).
 */
export function parseJudgeScores(text: unknown): Partial<Record<JudgeMetric, number>> | null {
  if (typeof text !== "string") return null;
  const scores: Partial<Record<JudgeMetric, number>> = {};
  for (const m of text.matchAll(/<(\w+)>\s*(\d+)\s*<\/\1>/g)) {
    const metric = m[1].toLowerCase() as JudgeMetric;
    const n = Number(m[2]);
    if ((JUDGE_METRICS as readonly string[]).includes(metric) && n >= 1 && n <= 10) scores[metric] = n;
  }
  return Object.keys(scores).length ? scores : null;
}

/** `<data><scenario/><question/><answer/></data>`: a social Q&A. */
export function parseSocialQa(text: string): { scenario: string; question: string; answer: string } | null {
  if (isNullOutput(text)) return null;
  const scenario = tag(text, "scenario");
  const question = tag(text, "question");
  const answer = tag(text, "answer");
  return scenario && question && answer ? { scenario, question, answer } : null;
}

/**
 * Characters as the generation lists them: `<character>Name: who they are</character>` entries, or
 * "Name: who" lines; lines that name no one ("I am a nurse.") are the narrator.
 */
export function parseCharacters(text: string | null): Record<string, string> {
  if (!text) return {};
  const entries = [...text.matchAll(/<character>([\s\S]*?)<\/character>/gi)].map((m) => m[1].trim());
  const lines = entries.length ? entries : text.split(/\n+/).map((l) => l.trim().replace(/^[-*]\s*/, ""));
  const out: Record<string, string> = {};
  const unnamed: string[] = [];
  for (const line of lines.filter(Boolean)) {
    const m = /^([^:.!?]{1,60}):\s*([\s\S]+)$/.exec(line);
    if (m) out[m[1].trim()] = m[2].trim();
    else unnamed.push(line);
  }
  // first-person answers introduce the author as "I am ...", with no name before a colon
  return unnamed.length ? { narrator: unnamed.join(" "), ...out } : out;
}

/** `<data><characters/><summary/><scenario/></data>`: a long scenario. */
export function parseScenario(text: string): { characters: Record<string, string>; summary: string; scenario: string } | null {
  if (isNullOutput(text)) return null;
  const scenario = tag(text, "scenario");
  return scenario ? { characters: parseCharacters(tag(text, "characters")), summary: tag(text, "summary") ?? "", scenario } : null;
}

/** `<data><background/><characters/><story/></data>` (or `<plots/>` for the story itself). */
export function parseStory(text: string): { background: string; characters: Record<string, string>; story: string } | null {
  if (isNullOutput(text)) return null;
  const story = tag(text, "story") ?? tag(text, "plots");
  return story ? { background: tag(text, "background") ?? "", characters: parseCharacters(tag(text, "characters")), story } : null;
}

/** `<data><background/>[<characters/>]<thoughts/></data>`: an introspective narrative. */
export function parseThoughts(text: string): { background: string; characters: Record<string, string>; thoughts: string } | null {
  if (isNullOutput(text)) return null;
  const thoughts = tag(text, "thoughts");
  return thoughts ? { background: tag(text, "background") ?? "", characters: parseCharacters(tag(text, "characters")), thoughts } : null;
}

/** A JSON list of `{ "summary", "content" }` (life stories), found in the answer even with words or a fence around it. */
export function parseStories(text: string): { stories: { summary: string; content: string }[] } | null {
  if (isNullOutput(text)) return null;
  const start = text.indexOf("[");
  const end = text.lastIndexOf("]");
  if (start < 0 || end <= start || nestingProblem(text.slice(start, end + 1))) return null;
  let list: unknown;
  try {
    list = JSON.parse(text.slice(start, end + 1));
  } catch {
    return null;
  }
  if (!Array.isArray(list)) return null;
  const stories = list
    .filter(
      (s): s is { summary?: unknown; content: string } =>
        typeof s === "object" && s !== null && typeof (s as { content?: unknown }).content === "string" && (s as { content: string }).content.trim() !== "",
    )
    .map((s) => ({ summary: typeof s.summary === "string" ? s.summary.trim() : "", content: s.content.trim() }));
  return stories.length ? { stories } : null;
}

/** A plain-text answer (persona, profile, writing style, summary). */
export function parseText(text: string): { text: string } | null {
  return isNullOutput(text) ? null : { text: text.trim() };
}
