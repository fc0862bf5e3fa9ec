/** Containers whose keys are names, not positions: "characters.PersonA" reads "Character PersonA". */
const NAMED: Record<string, string> = { characters: "Character" };

function singular(word: string): string {
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("ss")) return word;
  return word.endsWith("s") ? word.slice(0, -1) : word;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A content field's path as people read it, one label everywhere (review, edit, diffs, adjudication,
 * the artifact view): "stories.0.content" -> "Story 1: content", "characters.PersonA" -> "Character
 * PersonA", "inner_thoughts" -> "Inner thoughts".
 */
export function fieldLabel(field: string): string {
  const segments = field.split(".");
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const next = segments[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      parts.push(`${singular(segment)} ${Number(next) + 1}`);
      i++;
    } else if (next !== undefined && NAMED[segment]) {
      parts.push(`${NAMED[segment]} ${next}`);
      i++;
    } else if (/^\d+$/.test(segment)) {
      parts.push(`item ${Number(segment) + 1}`);
    } else {
      parts.push(segment);
    }
  }
  return capitalized(parts.join(": ").replace(/_/g, " "));
}
