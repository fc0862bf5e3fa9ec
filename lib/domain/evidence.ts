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
  unsupported: boolean;
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

export function alignEvidence(fields: { field: string; text: string }[], posts: EvidencePost[], threshold = SUPPORT_THRESHOLD): AlignedSentence[] {
  const postSentences = posts.flatMap((p) => splitSentences(p.text).map((sentence) => ({ postId: p.postId, sentence, tokens: contentTokens(sentence.text) })));
  const df = new Map<string, number>();
  for (const s of postSentences) for (const t of new Set(s.tokens)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = postSentences.length;
  const idf = (t: string) => Math.log((n + 1) / ((df.get(t) ?? 0) + 1)) + 1;
  const postVectors = postSentences.map((s) => ({ ...s, vector: weigh(s.tokens, idf) }));

  return fields.flatMap(({ field, text }) =>
    splitSentences(text).map((sentence) => {
      const tokens = contentTokens(sentence.text);
      if (tokens.length < MIN_TOKENS) return { field, sentence, support: [], best: 0, checked: false, unsupported: false };
      const vector = weigh(tokens, idf);
      const scored = postVectors.map((p) => ({ postId: p.postId, sentence: p.sentence, score: cosine(vector, p.vector) })).sort((a, b) => b.score - a.score);
      const best = scored[0]?.score ?? 0;
      return { field, sentence, support: scored.filter((s) => s.score >= threshold).slice(0, TOP), best, checked: true, unsupported: best < threshold };
    }),
  );
}
