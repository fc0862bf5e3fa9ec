const LONG_DIGITS = /\d{16}/;

/**
 * JSON text with every integer too large for a JavaScript number (more than 15 digits) written as a
 * string of its digits, so that JSON.parse keeps it exactly. Python's json module writes int64 ids
 * (tweets, users) as bare numbers; parsed as numbers, ids that differ in their last digits collapse
 * into one. Strings are left alone; text that is not JSON is returned as it came (the parser then
 * says why).
 */
export function quoteBigIntegers(text: string): string {
  if (!LONG_DIGITS.test(text)) return text; // most lines: nothing to look for
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // a string: skip to its closing quote
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      continue;
    }
    if (c !== 0x2d && (c < 0x30 || c > 0x39)) continue;
    // a number: its whole token
    let end = i + 1;
    while (end < text.length && /[0-9.eE+-]/.test(text[end])) end++;
    const token = text.slice(i, end);
    if (/^-?\d{16,}$/.test(token)) {
      out += `${text.slice(from, i)}"${token}"`;
      from = end;
    }
    i = end - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
