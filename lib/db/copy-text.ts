/**
 * Rows in the text format of PostgreSQL's COPY: values separated by tabs, NULL as \N, and a
 * backslash, tab, newline or carriage return inside a value escaped with a backslash.
 */
export type CopyValue = string | number | boolean | null;

const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function field(v: CopyValue): string {
  if (v === null) return "\\N";
  if (typeof v === "string") return SPECIAL.test(v) ? v.replace(SPECIALS, (c) => ESCAPES[c]) : v;
  if (typeof v === "boolean") return v ? "t" : "f";
  if (!Number.isFinite(v)) throw new RangeError(`COPY cannot carry the number ${v}`);
  return String(v);
}

/** One row, with its line end. */
export function copyRow(values: readonly CopyValue[]): string {
  let out = field(values[0]);
  for (let i = 1; i < values.length; i++) out += `\t${field(values[i])}`;
  return `${out}\n`;
}

/** What COPY takes: rows in its text format (copyRow), one string each, or Buffers of whole rows. */
export type CopyRows = Iterable<string | Buffer> | AsyncIterable<string | Buffer>;
