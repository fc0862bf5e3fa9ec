export interface ChangeLine {
  field: string;
  before: string | null;
  after: string | null;
}

const MAX = 160;

function shown(v: unknown): string {
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > MAX ? `${text.slice(0, MAX - 1)}…` : text;
}

/** An object's leaves by path ("ratios.test"); arrays and scalars are leaves. */
function leaves(v: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (v !== null && typeof v === "object" && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v)) leaves(x, prefix ? `${prefix}.${k}` : k, out);
    if (Object.keys(v).length === 0 && prefix) out.set(prefix, v);
  } else if (v !== undefined) {
    out.set(prefix || "value", v);
  }
  return out;
}

/**
 * An audit event's before and after as a list a person reads: one line per field that changed
 * (or was set, or removed), in the order the fields come, values as short text.
 */
export function auditChanges(before: unknown, after: unknown): ChangeLine[] {
  const b = before === null || before === undefined ? new Map<string, unknown>() : leaves(before);
  const a = after === null || after === undefined ? new Map<string, unknown>() : leaves(after);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  return fields
    .filter((f) => JSON.stringify(b.get(f)) !== JSON.stringify(a.get(f)))
    .map((field) => ({ field, before: b.has(field) ? shown(b.get(field)) : null, after: a.has(field) ? shown(a.get(field)) : null }));
}
