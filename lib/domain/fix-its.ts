import { setAtPath } from "./content-path";
import { findNames, findPii, textFields, type Highlight } from "./highlights";

type Content = Record<string, unknown>;

/** The first PersonX placeholder (PersonA, PersonB, …) the artifact does not use yet, in its texts or its keys. */
export function freePlaceholder(content: Content): string {
  const used = new Set(JSON.stringify(content).match(/\bPerson[A-Z]{1,2}\b/g) ?? []);
  for (let i = 0; ; i++) {
    const letters = i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26));
    if (!used.has(`Person${letters}`)) return `Person${letters}`;
  }
}

/** The real names the leaked-name check found, as they stand in the texts (first seen first). */
export function leakedNames(highlights: readonly Highlight[], content: Content): string[] {
  const texts = new Map(textFields(content).map((f) => [f.field, f.text]));
  const names = highlights.filter((h) => h.kind === "leaked_name" && h.start !== undefined).map((h) => texts.get(h.field)?.slice(h.start, h.end) ?? "");
  return [...new Set(names.filter(Boolean))];
}

export interface FixIt {
  content: Content;
  /** what was changed, for the notice */
  done: string;
}

/** The first of `names` still in the texts, replaced everywhere (whole words) by the next free placeholder; null when none is left. */
export function replaceLeakedName(content: Content, names: readonly string[]): FixIt | null {
  const fields = textFields(content);
  const name = names.find((n) => fields.some((f) => findNames(f.text, [n]).length > 0));
  if (!name) return null;
  const placeholder = freePlaceholder(content);
  let next = content;
  let count = 0;
  for (const f of fields) {
    const spans = findNames(f.text, [name]);
    if (spans.length === 0) continue;
    let text = f.text;
    for (const s of [...spans].reverse()) text = text.slice(0, s.start) + placeholder + text.slice(s.end);
    next = setAtPath(next, f.field, text);
    count += spans.length;
  }
  return { content: next, done: `Replaced "${name}" with ${placeholder} (${count}×)` };
}

/** The first span of personal data left in the texts (in the given field order), replaced by its kind in brackets ("[email address]"); null when none is left. */
export function redactPii(content: Content, order: readonly { field: string; text: string }[] = textFields(content)): FixIt | null {
  for (const f of order) {
    const [span] = findPii(f.text);
    if (!span) continue;
    const text = f.text.slice(0, span.start) + `[${span.what}]` + f.text.slice(span.end);
    return { content: setAtPath(content, f.field, text), done: `Redacted the ${span.what} "${f.text.slice(span.start, span.end)}"` };
  }
  return null;
}
