import { textFields } from "./highlights";

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

/** The text fields an edit changed, added or removed, in the order of the edited content. */
export function diffContent(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const old = new Map(textFields(before).map((f) => [f.field, f.text]));
  const changes: FieldChange[] = [];
  for (const { field, text } of textFields(after)) {
    const was = old.get(field);
    if (was !== text) changes.push({ field, before: was ?? null, after: text });
    old.delete(field);
  }
  for (const [field, text] of old) changes.push({ field, before: text, after: null });
  return changes;
}
