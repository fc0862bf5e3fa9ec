import type { ArtifactKind } from "./kinds";
import { contentTokens, type Span, wordCount } from "./text/tokens";

/**
 * Deterministic checks a reviewer should see at a glance (DESIGN.md, "Deterministic checks"):
 * personal data, real names from the posts leaking into an artifact that should say PersonA,
 * lengths outside the kind's bounds, and a social_qa scenario that gives its answer away.
 */

export type HighlightKind = "pii" | "leaked_name" | "length" | "answer_leak";

export interface Highlight extends Partial<Span> {
  kind: HighlightKind;
  /** the content field it is in ("text", "answer", "stories.1.content"), or "" for the whole artifact */
  field: string;
  message: string;
}

/** Each pattern with a cheap test that a text could hold it at all (the importer checks every artifact). */
const PII_PATTERNS: [string, RegExp, (text: string) => boolean][] = [
  ["email address", /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, (t) => t.includes("@")],
  ["URL", /\b(?:https?:\/\/|www\.)[^\s<>"')]+/gi, (t) => /http|www\./i.test(t)],
  ["phone number", /(?<![\w-])(?:\+?\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\d{2,4}[\s.-])\d{3,4}[\s.-]?\d{3,4}(?![\w-])/g, (t) => /\d{3}/.test(t)],
  ["@handle", /(?<![\w.])@[A-Za-z_]\w{1,30}\b/g, (t) => t.includes("@")],
  ["street address", /\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace)\b\.?/g, (t) => /\d/.test(t)],
];

/** Emails, URLs, phone numbers, @handles and street addresses in a text. */
export function findPii(text: string): (Span & { what: string })[] {
  const found: (Span & { what: string })[] = [];
  for (const [what, re, possible] of PII_PATTERNS) {
    if (!possible(text)) continue;
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      // an email's domain is not a separate handle or URL
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ what, start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

const NOT_NAMES = new Set(
  (
    "I The A An My Our Your His Her Their This That These Those It We You He She They Last Next Every Anyone Someone Monday Tuesday " +
    "Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December " +
    "Great Mediocre Does Disappointed Notes Reach Working Anybody Thanks Hello Hi PersonA PersonB PersonC New York Los Angeles San United States Kingdom"
  ).split(" "),
);

/** Last words that make a capitalized phrase a group, a place or an event rather than a person. */
const NOT_PERSON_ENDINGS = new Set(
  (
    "Club Striders Circle Collective Crew Society Team Group Association League Union Company Inc Ltd Band Choir Orchestra " +
    "Street Road Avenue Park Lake River Mountain City County Center Centre School University College Hospital Church " +
    "Marathon Festival Cup Championship Conference Show Market Cafe Restaurant Bar Hotel Store Shop Museum Library Gym"
  ).split(" "),
);

/**
 * Person-like names in the source posts: two or three capitalized words in a row ("Maria Lopez"),
 * not counting words that start sentences or are common capitalized words, nor phrases that end
 * like a group or a place ("Zinar Striders", "Riverside Park").
 */
export function namesInPosts(posts: string[]): string[] {
  const names = new Set<string>();
  for (const text of posts) {
    for (const m of text.matchAll(/\b([A-Z][a-z]{1,20})(?:\s+([A-Z][a-z]{1,20})){1,2}\b/g)) {
      const words = m[0].split(/\s+/);
      if (words.some((w) => NOT_NAMES.has(w)) || NOT_PERSON_ENDINGS.has(words[words.length - 1])) continue;
      names.add(m[0]);
    }
  }
  return [...names];
}

/** Occurrences in `text` of any of the names (whole words), for artifacts that should use PersonA. */
export function findNames(text: string, names: string[]): (Span & { name: string })[] {
  const out: (Span & { name: string })[] = [];
  for (const name of names) {
    const re = new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "g");
    for (const m of text.matchAll(re)) out.push({ name, start: m.index ?? 0, end: (m.index ?? 0) + name.length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Word-count bounds of each kind's main text (per story for stories). */
export const LENGTH_BOUNDS: Record<ArtifactKind, { field: string; min: number; max: number }> = {
  persona: { field: "text", min: 10, max: 250 },
  profile: { field: "text", min: 20, max: 600 },
  writing_style: { field: "text", min: 5, max: 200 },
  summary: { field: "text", min: 3, max: 150 },
  stories: { field: "content", min: 5, max: 400 },
  social_qa: { field: "answer", min: 3, max: 150 },
  scenario: { field: "scenario", min: 10, max: 500 },
  story: { field: "story", min: 10, max: 800 },
  behavior_story: { field: "story", min: 10, max: 800 },
  thoughts: { field: "thoughts", min: 5, max: 500 },
};

/** The text fields of an artifact's content, with their paths ("stories.0.content"). */
export function textFields(content: Record<string, unknown>, prefix = ""): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [];
  for (const [key, value] of Object.entries(content)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.push({ field: path, text: value });
    else if (Array.isArray(value)) value.forEach((v, i) => v && typeof v === "object" && out.push(...textFields(v as Record<string, unknown>, `${path}.${i}`)));
    else if (value && typeof value === "object") out.push(...textFields(value as Record<string, unknown>, path));
  }
  return out;
}

/** The order a reader expects each kind's fields in (stored content has its keys sorted). */
const FIELD_ORDER: Partial<Record<ArtifactKind, string[]>> = {
  social_qa: ["scenario", "question", "answer"],
  scenario: ["summary", "characters", "scenario"],
  story: ["background", "characters", "story"],
  behavior_story: ["background", "characters", "story"],
  thoughts: ["background", "characters", "thoughts"],
};

/** textFields in the kind's reading order; fields the kind does not name keep their place at the end. */
export function orderedTextFields(kind: ArtifactKind, content: Record<string, unknown>): { field: string; text: string }[] {
  const order = FIELD_ORDER[kind] ?? [];
  const rank = (field: string) => {
    const i = order.indexOf(field.split(".")[0]);
    return i === -1 ? order.length : i;
  };
  return textFields(content)
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f.field) - rank(b.f.field) || a.i - b.i)
    .map(({ f }) => f);
}

export function checkLength(kind: ArtifactKind, content: Record<string, unknown>): Highlight[] {
  const bounds = LENGTH_BOUNDS[kind];
  return textFields(content)
    .filter((f) => f.field === bounds.field || f.field.endsWith(`.${bounds.field}`))
    .flatMap((f) => {
      const n = wordCount(f.text);
      if (n < bounds.min) return [{ kind: "length" as const, field: f.field, message: `${n} words: short for a ${kind} (at least ${bounds.min} expected)` }];
      if (n > bounds.max) return [{ kind: "length" as const, field: f.field, message: `${n} words: long for a ${kind} (at most ${bounds.max} expected)` }];
      return [];
    });
}

/**
 * How much of a social_qa answer the scenario already states: the share of the answer's content
 * words found in the scenario. At or above `threshold` the question answers itself.
 */
export function answerOverlap(scenario: string, answer: string): number {
  const answerWords = contentTokens(answer);
  if (answerWords.length === 0) return 0;
  const scenarioWords = new Set(contentTokens(scenario));
  return answerWords.filter((w) => scenarioWords.has(w)).length / answerWords.length;
}

export const ANSWER_LEAK_THRESHOLD = 0.6;

/** Every highlight of an artifact, given the texts of the posts it cites. */
export function highlightArtifact(kind: ArtifactKind, content: Record<string, unknown>, postTexts: string[]): Highlight[] {
  return highlightWithNames(kind, content, namesInPosts(postTexts));
}

/** Every highlight of an artifact, given the person names found in its posts (see namesInPosts). */
export function highlightWithNames(kind: ArtifactKind, content: Record<string, unknown>, names: string[]): Highlight[] {
  const out: Highlight[] = [];
  for (const { field, text } of orderedTextFields(kind, content)) {
    for (const p of findPii(text)) out.push({ kind: "pii", field, start: p.start, end: p.end, message: `${p.what}: ${text.slice(p.start, p.end)}` });
    for (const n of findNames(text, names)) out.push({ kind: "leaked_name", field, start: n.start, end: n.end, message: `"${n.name}" is a name from the posts; use PersonA-style placeholders` });
  }
  out.push(...checkLength(kind, content));
  if (kind === "social_qa" && typeof content.scenario === "string" && typeof content.answer === "string") {
    const overlap = answerOverlap(content.scenario, content.answer);
    if (overlap >= ANSWER_LEAK_THRESHOLD) {
      out.push({ kind: "answer_leak", field: "scenario", message: `the scenario already states ${Math.round(overlap * 100)}% of the answer's words: the question gives its answer away` });
    }
  }
  return out;
}

/**
 * Highlight kinds as bits of one integer, stored per artifact at import so that the items table can
 * filter on them in SQL (`flags & 2 <> 0`: artifacts with a leaked name).
 */
export const HIGHLIGHT_FLAGS: Record<HighlightKind, number> = { pii: 1, leaked_name: 2, length: 4, answer_leak: 8 };

export const HIGHLIGHT_KINDS = ["pii", "leaked_name", "length", "answer_leak"] as const satisfies readonly HighlightKind[];

export function flagsOf(highlights: readonly { kind: HighlightKind }[]): number {
  return highlights.reduce((bits, h) => bits | HIGHLIGHT_FLAGS[h.kind], 0);
}

export function flagKinds(flags: number): HighlightKind[] {
  return HIGHLIGHT_KINDS.filter((k) => (flags & HIGHLIGHT_FLAGS[k]) !== 0);
}

/**
 * What the importer stores: the flags of the checks that need only the content, plus
 * leaked_name when any of `names` (from the cited posts) occurs in a text field.
 */
export function importFlags(contentFlags: number, content: Record<string, unknown>, names: readonly string[]): number {
  if (names.length === 0 || (contentFlags & HIGHLIGHT_FLAGS.leaked_name) !== 0) return contentFlags;
  const candidates = textFields(content);
  const leaked = names.some((name) => candidates.some((f) => f.text.includes(name) && findNames(f.text, [name]).length > 0));
  return leaked ? contentFlags | HIGHLIGHT_FLAGS.leaked_name : contentFlags;
}

/** True when findPii would find anything: the same patterns, stopping at the first match. */
function hasPii(text: string): boolean {
  return PII_PATTERNS.some(([, re, possible]) => {
    if (!possible(text)) return false;
    re.lastIndex = 0;
    const found = re.test(text);
    re.lastIndex = 0;
    return found;
  });
}

/**
 * The flags of the checks that need only the content, as flagsOf(highlightWithNames(kind, content, []))
 * gives them, without building the highlights: the importer runs it on every artifact.
 */
export function contentFlags(kind: ArtifactKind, content: Record<string, unknown>): number {
  let flags = 0;
  const bounds = LENGTH_BOUNDS[kind];
  for (const { field, text } of textFields(content)) {
    if ((flags & HIGHLIGHT_FLAGS.pii) === 0 && hasPii(text)) flags |= HIGHLIGHT_FLAGS.pii;
    if ((flags & HIGHLIGHT_FLAGS.length) === 0 && (field === bounds.field || field.endsWith(`.${bounds.field}`))) {
      const n = wordCount(text);
      if (n < bounds.min || n > bounds.max) flags |= HIGHLIGHT_FLAGS.length;
    }
  }
  if (kind === "social_qa" && typeof content.scenario === "string" && typeof content.answer === "string" && answerOverlap(content.scenario, content.answer) >= ANSWER_LEAK_THRESHOLD) {
    flags |= HIGHLIGHT_FLAGS.answer_leak;
  }
  return flags;
}
