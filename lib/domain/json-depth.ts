/**
 * How deep a request's JSON may nest its arrays and objects. The API's real payloads nest a few
 * levels (a verdict's edited content: body, verdict, content, stories, a story: 5); 64 leaves room
 * for any content a pipeline sends, and keeps every recursive walk of the value (diffs, canonical
 * JSON, the JSON encoder) far from the stack's limit.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * How deep JSON text nests its arrays and objects (a scalar is 0, `{}` 1), found by one scan of
 * the text without parsing it, so that a hostile body costs nothing before it is refused. Stops as
 * soon as the depth passes `limit` and returns that depth (limit + 1). Brackets inside strings do
 * not count. On valid JSON the answer is exact; on invalid JSON it means nothing (the parser
 * refuses that text anyway).
 */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * How deep an imported record may nest: one level less than a request, since a verdict's body
 * wraps an artifact's content once more, so whatever is imported can be edited and sent back.
 */
export const MAX_IMPORT_DEPTH = MAX_JSON_DEPTH - 1;

/** Why JSON text nests too deep to be parsed (checked before parsing, at the cost of one scan), or null. */
export function nestingProblem(text: string, limit = MAX_IMPORT_DEPTH): string | null {
  if (bracketsAtMost(text, limit)) return null; // too few brackets to nest that deep: the scan is skipped
  return jsonDepth(text, limit) > limit ? `nested deeper than ${limit} levels of arrays and objects (at most ${limit})` : null;
}

/** Whether the text holds at most `n` opening brackets, counted with the native search. */
function bracketsAtMost(text: string, n: number): boolean {
  let count = 0;
  for (const bracket of ["{", "["]) {
    for (let i = text.indexOf(bracket); i !== -1; i = text.indexOf(bracket, i + 1)) if (++count > n) return false;
  }
  return true;
}
