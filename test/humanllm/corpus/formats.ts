import fs from "node:fs";
import path from "node:path";

// How the HumanLLM pipeline's Python writes its files, for the corpus generator: json.dumps (with
// and without ensure_ascii), pandas' to_csv with QUOTE_ALL, json.dump(indent=4). Written from the
// formats' definitions, not from the reader under test.

/** A Python float: json.dumps writes 5.0, not 5. */
export class Float {
  constructor(readonly value: number) {}
}

/** A JSON value as the generator builds it; a bigint is an int64 (a tweet id) written as its digits. */
export type Py = string | number | bigint | boolean | null | Float | Py[] | { [key: string]: Py };

/** A scalar of a row as text. */
export function text(value: Py | undefined): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "bigint" ? String(value) : JSON.stringify(value ?? null);
}

/** Python's json.dumps: separators ", " and ": ", non-ASCII escaped as \uXXXX unless ensureAscii is false. */
export function dumps(value: Py, ensureAscii = true): string {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Float) return Number.isInteger(value.value) ? value.value.toFixed(1) : String(value.value);
  if (value === null || typeof value !== "object") {
    const json = JSON.stringify(value);
    return ensureAscii && typeof value === "string" ? asciiOnly(json) : json;
  }
  if (Array.isArray(value)) return `[${value.map((v) => dumps(v, ensureAscii)).join(", ")}]`;
  return `{${Object.entries(value)
    .map(([k, v]) => `${dumps(k, ensureAscii)}: ${dumps(v, ensureAscii)}`)
    .join(", ")}}`;
}

/** json.dump(obj, indent=4): one member a line. */
export function dumpIndented(value: Py, ensureAscii: boolean, indent = ""): string {
  if (value === null || typeof value !== "object" || value instanceof Float) return dumps(value, ensureAscii);
  const inner = `${indent}    `;
  const members = Array.isArray(value)
    ? value.map((v) => dumpIndented(v, ensureAscii, inner))
    : Object.entries(value).map(([k, v]) => `${dumps(k, ensureAscii)}: ${dumpIndented(v, ensureAscii, inner)}`);
  if (members.length === 0) return Array.isArray(value) ? "[]" : "{}";
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${members.map((m) => inner + m).join(",\n")}\n${indent}${close}`;
}

function asciiOnly(json: string): string {
  let out = "";
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    out += c < 0x80 ? json[i] : `\\u${c.toString(16).padStart(4, "0")}`;
  }
  return out;
}

/** A file of JSON Lines, as `for r in rows: f.write(json.dumps(r) + "\n")`. */
export function writeJsonl(file: string, rows: readonly { [key: string]: Py }[], ensureAscii: boolean): void {
  writeText(file, rows.map((r) => `${dumps(r, ensureAscii)}\n`).join(""));
}

/** pandas' df.to_csv(index=False, quoting=csv.QUOTE_ALL): every field quoted, quotes doubled, "\n" line ends. */
export function writeCsv(file: string, header: readonly string[], rows: readonly Record<string, string | number>[]): void {
  const quote = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
  writeText(file, [header.map(quote).join(","), ...rows.map((r) => header.map((h) => quote(r[h] ?? "")).join(","))].map((l) => `${l}\n`).join(""));
}

export function writeText(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
