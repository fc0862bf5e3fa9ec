/** Small text utilities shared by the highlight checks and the evidence matcher. */

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  text: string;
}

const STOPWORDS = new Set(
  (
    "a an the and or but if then so of to in on at by for with from about as into over after before is are was were be been being " +
    "am do does did have has had i me my mine we our you your he him his she her it its they them their this that these those " +
    "who whom which what when where why how not no nor too very can could would should will just than also up down out off again " +
    "there here all any both each few more most other some such only own same s t don now ever really persona personb personc"
  ).split(" "),
);

/** Lower-cased word tokens without stopwords, with a light suffix strip so "runs" meets "running". */
export function contentTokens(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu)) {
    const w = m[0].replace(/'s$/, "");
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

function stem(w: string): string {
  if (w.length > 5 && w.endsWith("ing")) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith("ed")) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

/**
 * Sentences with their offsets: split after . ! ? followed by whitespace or the end (so an email, a
 * URL or "3.5" stays whole) and at line breaks, not after "e.g." style abbreviations. Offsets index
 * the original text: what lies between sentences is never rewritten.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^\n]+?(?:[.!?]+["')\]]*(?=\s|$)|(?=\n)|$)/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (!body) continue;
    const start = (m.index ?? 0) + lead;
    const prev = out[out.length - 1];
    // "e.g." or "Dr." would end a sentence too early: glue very short fragments to the previous one
    if (prev && /^(?:e\.g|i\.e|dr|mr|mrs|ms|st|vs)\.$/i.test(prev.text.split(/\s+/).pop() ?? "")) {
      prev.text = text.slice(prev.start, start + body.length);
      prev.end = start + body.length;
      continue;
    }
    out.push({ text: body, start, end: start + body.length });
  }
  return out;
}

export function wordCount(text: string): number {
  return (text.match(/\S+/g) ?? []).length;
}
