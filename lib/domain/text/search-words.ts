/** At most this many words of a search are looked for. */
const MAX_WORDS = 16;

/**
 * The words of a search box, lower-cased: runs of letters and digits, so nothing in them is read as
 * an operator by a full-text query (`&`, `|`, `!`, `:` and quotes fall between words).
 */
export function searchWords(search: string): string[] {
  return (search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_WORDS);
}
