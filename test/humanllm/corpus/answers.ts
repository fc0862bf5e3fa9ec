import { Rng } from "@/lib/domain/rng";

// What the pipeline's models answer, as the generator writes it: the tags of the cleaning step, the
// generations of each stage (with the shapes models really give: code fences, NULL, Python quoting)
// and the judge's answers (with their quirks: capitalised and repeated tags, 0, cut-off answers).

const WORDS = (
  "morning river train garden kitchen letter market winter bicycle window music neighbour festival harbour coffee library " +
  "mountain lantern notebook school friend sister brother teacher doctor journey holiday rain summer evening village city " +
  "marathon bakery concert museum forest island meeting office project recipe dinner weekend birthday wedding promise"
).split(" ");

/** `n` words, a sentence of them; `tag` makes it unique in the corpus. */
export function sentence(rng: Rng, n: number, tag = ""): string {
  const words = Array.from({ length: n }, () => rng.pick(WORDS));
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return `${words.join(" ")}${tag ? ` ${tag}` : ""}.`;
}

export function paragraph(rng: Rng, sentences: number, tag: string): string {
  return Array.from({ length: sentences }, (_, i) => sentence(rng, rng.int(6, 14), i === 0 ? tag : "")).join(" ");
}

/** The first cleaning round's tag (`quality_tag`), mostly as the prompt asks, and the tier the pipeline reads in it (high or medium with harmless yes, else null). */
export function qualityTag(rng: Rng): { text: string; tier: "high" | "medium" | null } {
  if (rng.chance(0.03)) return { text: "I cannot tag this post.", tier: null };
  const quality = rng.pick(["high", "high", "high", "medium", "medium", "low", " high ", "High"]);
  const harmless = rng.pick(["yes", "yes", "yes", "yes", "no", "Yes"]);
  // utils.extract_tag_content strips the text between the tags and compares it exactly
  const q = quality.trim();
  const tier = harmless.trim() === "yes" && (q === "high" || q === "medium") ? q : null;
  return { text: `<output><quality>${quality}</quality><harmless>${harmless}</harmless></output>`, tier };
}

/** The second tagging round (`blog_quality_v2`), and whether it passes (unsafe no, social yes; a bare [NO] token fails). */
export function v2Tag(rng: Rng): { text: string; ok: boolean } {
  const unsafe = rng.pick(['"NO"', '"NO"', '"NO"', '"no"', '"YES"', "[NO]"]);
  const social = rng.pick(['"YES"', '"YES"', '"yes"', '"NO"']);
  return { text: `{"unsafe content": ${unsafe}, "social event": ${social}}`, ok: unsafe.toLowerCase() === '"no"' && social.toLowerCase() === '"yes"' };
}

export type JudgeQuirk = "plain" | "fenced" | "capitalised" | "repeated" | "zero" | "over" | "cut" | "pseudo" | "crlf" | "words";
export const JUDGE_QUIRKS: readonly JudgeQuirk[] = ["plain", "fenced", "capitalised", "repeated", "zero", "over", "cut", "pseudo", "crlf", "words"];

/** A judge's answer scoring `metrics`, with one of the quirks judges show. */
export function judgeAnswer(rng: Rng, metrics: readonly string[], quirk: JudgeQuirk): string {
  const score = () => rng.int(5, 10);
  const tags = metrics.map((m, i) => {
    if (quirk === "zero" && i === metrics.length - 2) return `<${m}>0</${m}>`;
    if (quirk === "over" && i === 0) return `<${m}>11</${m}>`;
    return `<${m}>${quirk === "crlf" ? `\r\n${score()}\r\n` : ` ${score()} `}</${m}>`;
  });
  if (quirk === "capitalised") tags.push("<Overall>2</Overall>");
  if (quirk === "repeated") tags.push(`<overall>${score()}</overall>`);
  if (quirk === "pseudo") tags.unshift("<explanation>7</explanation>", "<score x='1'>5</score>", "<novelty>8/10</novelty>");
  const body = `<data>\n<explanation>The generation follows the blog closely.</explanation>\n${tags.join("\n")}\n</data>`;
  if (quirk === "fenced") return `\`\`\`xml\n${body}\n\`\`\``;
  if (quirk === "cut") return body.slice(0, Math.floor(body.length * 0.6));
  if (quirk === "words") return "The generation is good. Overall I would rate it nine out of ten.";
  return body;
}

const fence = (rng: Rng, xml: string) => (rng.chance(0.3) ? `\`\`\`xml\n${xml}\n\`\`\`` : xml);

export function socialQa(rng: Rng, tag: string): string {
  return fence(rng, `<data><scenario>${sentence(rng, 12, tag)}</scenario><question>${sentence(rng, 8)}</question><answer>${sentence(rng, 10)}</answer></data>`);
}

export function longScenario(rng: Rng, tag: string): string {
  const characters = Array.from({ length: rng.int(1, 3) }, (_, i) => `<character>${["PersonA", "PersonB", "PersonC"][i]}: ${sentence(rng, 5)}</character>`).join("");
  return fence(rng, `<data><characters>${characters}</characters><summary>${sentence(rng, 10)}</summary><scenario>${paragraph(rng, 3, tag)}</scenario></data>`);
}

/** A story of one post: background, characters (unless the stage writes none), and the part named `body`. */
export function story(rng: Rng, body: "plots" | "story" | "thoughts", tag: string, characters = true): string {
  const who = characters ? `<characters>PersonA: ${sentence(rng, 6)}</characters>` : "";
  return fence(rng, `<data><background>${sentence(rng, 10)}</background>${who}<${body}>${paragraph(rng, 3, tag)}</${body}></data>`);
}

/** The stories stage's JSON list, as models write it: JSON, Python's quoting, fenced, or empty. */
export function storiesList(rng: Rng, tag: string): string {
  const n = rng.int(2, 5);
  const items = Array.from({ length: n }, (_, i) => ({ summary: sentence(rng, 6), content: paragraph(rng, 2, i === 0 ? tag : "") }));
  const style = rng.pick(["json", "json", "python", "fenced", "empty"] as const);
  if (style === "empty") return "[]";
  if (style === "python") return `[${items.map((s) => `{'summary': '${s.summary}', 'content': '${s.content}'}`).join(", ")}]`;
  const json = JSON.stringify(items, null, 2);
  return style === "fenced" ? `Here are the stories:\n\`\`\`json\n${json}\n\`\`\`` : json;
}

/** A free-text answer (persona, profile, writing style, summary), or the model declining. */
export function freeText(rng: Rng, tag: string, declines = 0.05): string {
  return rng.chance(declines) ? "NULL" : paragraph(rng, rng.int(2, 4), tag);
}
