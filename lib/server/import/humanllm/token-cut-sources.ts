import "server-only";
import { entriesSeen, mayBeCut, seenPrefix, type Tokenizer } from "../../../domain/humanllm/token-cut";
import type { PlatformLayout } from "../../../domain/humanllm/stages";

let tokenizer: Tokenizer | null = null;

/**
 * The posts a user-level prompt still held after its cut at 80,000 tokens (token-cut.ts): the first
 * ones in the prompt's order (time order on Reddit and Twitter, stable as Python's sort, else file
 * order) whose entries begin within what the model saw. `posts` are the posts the prompt was built
 * from; `timeOf` gives a post's time. The generator's tokenizer (Llama 3's) is loaded only for a
 * prompt long enough to have been cut.
 */
export async function postsSeen(layout: PlatformLayout, prompt: string | undefined, posts: string[], timeOf: (post: string) => string): Promise<string[]> {
  if (!prompt || !layout.promptEntries || !mayBeCut(prompt)) return posts;
  if (!tokenizer) {
    const llama3 = (await import("llama3-tokenizer-js")).default;
    // the prompt's own tokens, as the pipeline encodes it (add_special_tokens=False)
    tokenizer = { encode: (text) => llama3.encode(text, { bos: false, eos: false }), decode: (ids) => llama3.decode(ids) };
  }
  const seen = seenPrefix(prompt, tokenizer);
  if (seen === null) return posts;
  const { marker, byTime } = layout.promptEntries;
  const ordered = byTime ? [...posts].sort((a, b) => timeOf(a).localeCompare(timeOf(b))) : posts;
  return ordered.slice(0, entriesSeen(prompt, marker, seen));
}
