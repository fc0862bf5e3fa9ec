import { contentTokens, splitSentences, type Sentence } from "./text/tokens";

/**
 * Links each sentence of an artifact to the source-post sentences that support it best, by TF-IDF
 * cosine similarity over sentences (IDF from the user's own post sentences). A sentence whose best
 * support is below the threshold is "unsupported": the reviewer checks it for hallucination first.
 */

export interface EvidencePost {
  postId: string;
  text: string;
}

export interface EvidenceLink {
  postId: string;
  sentence: Sentence;
  score: number;
}

export interface AlignedSentence {
  field: string;
  sentence: Sentence;
  /** the best supporting post sentences, best first, each at or above the threshold */
  support: EvidenceLink[];
  best: number;
  /** false for sentences too short to judge (fewer than MIN_TOKENS content words) */
  checked: boolean;
  /** no cited post supports it */
  unsupported: boolean;
  /** for an unsupported sentence, the best support among the user's posts the artifact does not cite, if one reaches the threshold */
  elsewhere: EvidenceLink | null;
}

export interface AlignOptions {
  threshold?: number;
  /** the user's posts the artifact does not cite: an unsupported sentence is looked for there too */
  uncited?: EvidencePost[];
}

export const SUPPORT_THRESHOLD = 0.2;
const MIN_TOKENS = 3;
const TOP = 3;

type Vector = Map<string, number>;

function termCounts(tokens: string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

function weigh(tokens: string[], idf: (t: string) => number): Vector {
  const v: Vector = new Map();
  let norm = 0;
  for (const [t, n] of termCounts(tokens)) {
    const w = (1 + Math.log(n)) * idf(t);
    v.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [t, w] of v) v.set(t, w / norm);
  return v;
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small) dot += w * (large.get(t) ?? 0);
  return dot;
}

/** Sentences of posts, weighed for cosine similarity with the IDF of those same sentences. */
function sentenceIndex(posts: EvidencePost[]) {
  const sentences = posts.flatMap((p) => splitSentences(p.text).map((sentence) => ({ postId: p.postId, sentence, tokens: contentTokens(sentence.text) })));
  const df = new Map<string, number>();
  for (const s of sentences) for (const t of new Set(s.tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = sentences.length;
  const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const vectors = sentences.map((s) => ({ ...s, vector: weigh(s.tokens, idf) }));
  /** every post sentence scored against `tokens`, best first */
  return (tokens: string[]): EvidenceLink[] => {
    const vector = weigh(tokens, idf);
    return vectors.map((p) => ({ postId: p.postId, sentence: p.sentence, score: cosine(vector, p.vector) })).sort((a, b) => b.score - a.score);
  };
}

/**
 * Aligns the fields' sentences with the cited posts. A sentence no cited post supports is looked
 * for in the user's other posts: support found only there is not the same as none at all.
 */
export function alignEvidence(fields: { field: string; text: string }[], cited: EvidencePost[], opts: AlignOptions = {}): AlignedSentence[] {
  const threshold = opts.threshold ?? SUPPORT_THRESHOLD;
  const scoreCited = sentenceIndex(cited);
  let scoreUncited: ReturnType<typeof sentenceIndex> | undefined;
  return fields.flatMap(({ field, text }) =>
    splitSentences(text).map((sentence): AlignedSentence => {
      const tokens = contentTokens(sentence.text);
      if (tokens.length < MIN_TOKENS) return { field, sentence, support: [], best: 0, checked: false, unsupported: false, elsewhere: null };
      const scored = scoreCited(tokens);
      const best = scored[0]?.score ?? 0;
      const unsupported = best < threshold;
      let elsewhere: EvidenceLink | null = null;
      if (unsupported && opts.uncited?.length) {
        const [top] = (scoreUncited ??= sentenceIndex(opts.uncited))(tokens);
        if (top && top.score >= threshold) elsewhere = top;
      }
      return { field, sentence, support: scored.filter((s) => s.score >= threshold).slice(0, TOP), best, checked: true, unsupported, elsewhere };
    }),
  );
}
