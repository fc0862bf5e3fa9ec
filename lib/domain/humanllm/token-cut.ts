/**
 * Reddit's, Twitter's and Amazon's user-level prompts were cut to their first 80,000 tokens of the
 * generator's tokenizer before the model saw them (`*_data_gen.py`, truncate_and_generate_batch:
 * Llama-3.3-70B-Instruct's tokenizer, no special tokens), and the stage's `_prompt` folder keeps the
 * prompt whole. The model saw the entries ("Post k:", Amazon's "History k:") that begin within what
 * was kept; a prompt of at most 80,000 bytes was never cut, since a token is at least a byte.
 */
export const GENERATION_MAX_TOKENS = 80_000;

export interface Tokenizer {
  encode(text: string): number[];
  decode(tokens: number[]): string;
}

/**
 * How much of `prompt` the model saw, in UTF-16 units from its start; null when it saw all of it.
 */
export function seenPrefix(prompt: string, t: Tokenizer, maxTokens = GENERATION_MAX_TOKENS): number | null {
  if (!mayBeCut(prompt, maxTokens)) return null;
  const tokens = t.encode(prompt);
  if (tokens.length <= maxTokens) return null;
  // what the kept tokens decode to is the prompt's beginning (a character split by the cut counts as seen)
  return t.decode(tokens.slice(0, maxTokens)).length;
}

/** How many of the prompt's numbered entries (`marker(1)`, `marker(2)`, … in order) begin within its first `seen` characters; all of them when `seen` is null. */
export function entriesSeen(prompt: string, marker: (k: number) => string, seen: number | null): number {
  let at = 0;
  for (let k = 1; ; k++) {
    const m = marker(k);
    const found = prompt.indexOf(m, at);
    if (found === -1) return k - 1;
    at = found + m.length;
    if (seen !== null && at > seen) return k - 1;
  }
}

/** Whether the prompt could be over the limit: more bytes than tokens allowed (only then is a tokenizer needed). */
export function mayBeCut(prompt: string, maxTokens = GENERATION_MAX_TOKENS): boolean {
  return utf8Length(prompt) > maxTokens;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
