/** A copy of `content` with the string at a dotted path ("stories.1.content") replaced. */
export function setAtPath(content: Record<string, unknown>, path: string, value: string): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  const clone: Record<string, unknown> | unknown[] = Array.isArray(content) ? [...content] : { ...content };
  const current = (clone as Record<string, unknown>)[head];
  (clone as Record<string, unknown>)[head] = rest.length === 0 ? value : setAtPath((current ?? {}) as Record<string, unknown>, rest.join("."), value);
  return clone as Record<string, unknown>;
}
