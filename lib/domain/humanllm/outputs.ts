import { nestingProblem } from "../json-depth";
import { inScoreRange, JUDGE_METRICS, type JudgeMetric } from "../kinds";

// What the HumanLLM pipeline's LLM stages write, parsed: quality tags on posts, the judge's
// `<metric>n</metric>` scores, and each generation prompt's XML or JSON answer. A generation that
// answered "NULL" (nothing worth extracting) or that cannot be read gives null: the pipeline drops
// those too.

const tag = (text: string, name: string): string | null => {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`, "i").exec(text);
  return m ? m[1].trim() : null;
};

/**
 * Whether a generation declined: empty, or a word the pipeline's is_null takes for nothing (NULL,
 * None, N/A, NaN, in any case), alone or fenced.
 */
export function isNullOutput(text: string | null | undefined): boolean {
  const t = (text ?? "").trim();
  return t === "" || /^(null|none|n\/a|nan)$/i.test(t) || /^```(xml)?\s*(null|none|n\/a|nan)\s*```$/i.test(t);
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

/**
 * Whether the pipeline let a post into its generation prompts, read as it reads the first tagging
 * round (utils.py, extract_tag_content): the first <quality> and <harmless>, trimmed, compared
 * exactly with "high" or "medium" and "yes" ("High" does not pass).
 */
export function isQualified(tagAnswer: unknown): boolean {
  if (typeof tagAnswer !== "string") return false;
  const first = (name: string) => {
    const start = tagAnswer.indexOf(`<${name}>`);
    if (start < 0) return null;
    const end = tagAnswer.indexOf(`</${name}>`, start + name.length + 2);
    return end < 0 ? null : tagAnswer.slice(start + name.length + 2, end).trim();
  };
  const quality = first("quality");
  return (quality === "high" || quality === "medium") && first("harmless") === "yes";
}

/**
 * The judge's answer as the pipeline's SFT step reads it (generate_sft_data.py,
 * parse_xml_string_as_kv_dict): newlines removed, the outermost <data>…</data> unwrapped, then every
 * `<tag>n</tag>` with n an integer, whitespace allowed around it, the tag's case as written, a later
 * repeat winning over an earlier one. Python's \w and \d are Unicode's, and int() reads any
 * decimal digits. Every tag is kept, 0 and 11 alike; which count is the caller's to say (the
 * stage's metrics, exactly as spelled).
 */
export function parseJudgeAnswer(text: unknown): Record<string, number> | null {
  if (typeof text !== "string") return null;
  // Python's "." is anything but a newline, and none is left
  const flat = text.replace(/\n/g, "").replace(/<data>([\s\S]*)<\/data>/u, "$1");
  const scores: Record<string, number> = {};
  for (const m of flat.matchAll(/<([\p{L}\p{N}_]+)>\s*(\p{Nd}+)\s*<\/\1>/gu)) scores[m[1]] = decimalValue(m[2]);
  return Object.keys(scores).length ? scores : null;
}

/** The value of a run of Unicode decimal digits (Python's int() of "٣" is 3). */
function decimalValue(digits: string): number {
  let n = 0;
  for (const ch of digits) {
    const cp = ch.codePointAt(0)!;
    // decimal digits come in sets of ten from 0 to 9, some sets back to back (mathematical digits):
    // the digit's distance from the start of its run, modulo ten, is its value
    let start = cp;
    while (start > 0 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    n = n * 10 + ((cp - start) % 10);
  }
  return n;
}

/** The largest whole number the database's integer column holds. */
const INT4_MAX = 2 ** 31 - 1;

/**
 * The scores of a stage's judge the workbench keeps: its metrics exactly as the judge prompt spells
 * them, every integer as given. `outOfRange` names those off the rubric's 1-10 scale (kept: the
 * pipeline reads them, and a 0 fails its threshold); `tooLarge` those past the database's integer,
 * which are left out.
 */
export function judgeScoresFor(text: unknown, metrics: readonly string[]): { scores: Partial<Record<JudgeMetric, number>>; outOfRange: string[]; tooLarge: string[] } | null {
  const all = parseJudgeAnswer(text);
  if (!all) return null;
  const mine = Object.entries(all).filter(([m]) => metrics.includes(m));
  const storable = ([, n]: [string, number]) => Math.abs(n) <= INT4_MAX;
  return {
    scores: Object.fromEntries(mine.filter(storable)) as Partial<Record<JudgeMetric, number>>,
    outOfRange: mine.filter((e) => storable(e) && !inScoreRange(e[1])).map(([m]) => m),
    tooLarge: mine.filter((e) => !storable(e)).map(([m]) => m),
  };
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

/**
 * Life stories as the pipeline's SFT step reads them (generate_sft_data.py,
 * parse_json_string_stories): every `"summary": "…", "content": "…"` pair in the answer, in either
 * quoting (JSON's double quotes or Python's single ones), whatever surrounds them, each text up to
 * its closing quote where the next key follows, a backslash escaping the character after it, trimmed.
 * Stories without content are left out (a story is its content).
 */
export function parseStories(text: string): { stories: { summary: string; content: string }[] } | null {
  if (isNullOutput(text)) return null;
  const pairs = text.matchAll(/(?:"summary"|'summary')\s*:\s*(["'])([\s\S]*?)\1\s*,\s*(?:"content"|'content')\s*:\s*(["'])([\s\S]*?)\3/g);
  // Python's "." (in the unescaping) is anything but a newline
  const unescape = (s: string) => s.replace(/\\([^\n])/g, "$1").trim();
  const stories = [...pairs].map((m) => ({ summary: unescape(m[2]), content: unescape(m[4]) })).filter((s) => s.content !== "");
  return stories.length ? { stories } : null;
}

/** A plain-text answer (persona, profile, writing style, summary). */
export function parseText(text: string): { text: string } | null {
  return isNullOutput(text) ? null : { text: text.trim() };
}
