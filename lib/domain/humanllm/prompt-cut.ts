/**
 * Blogger's user-level prompts (blogger_data_gen.py, gen_content_and_output2file_bydir and
 * job_unified_userwise_llm_generation_csv2txt) are the stage's prompt, then "Post : k\n" + the
 * post's text + "\n\n" for each post in turn, the whole cut at 32,000 characters (Python's: code
 * points). The posts the model saw are those whose text begins within the cut: a post cut part-way
 * was seen, one of which only the header fits was not.
 */
export const BLOGGER_PROMPT_MAX = 32_000;

/** How many of the posts (their texts' lengths in code points, in order) begin within the cut, after a prompt of `promptChars`. */
export function postsWithinCut(textLengths: readonly number[], promptChars: number, max = BLOGGER_PROMPT_MAX): number {
  let offset = promptChars;
  for (let k = 0; k < textLengths.length; k++) {
    const textStart = offset + `Post : ${k + 1}\n`.length;
    if (textStart >= max) return k;
    offset = textStart + textLengths[k] + 2;
  }
  return textLengths.length;
}

/** A text's length as Python's len() counts it: code points, a surrogate pair being one. */
export function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
