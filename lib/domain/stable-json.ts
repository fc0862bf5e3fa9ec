import { hash } from "node:crypto";

/** JSON with object keys sorted, so equal values always give equal text (and equal hashes). */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i ? "," : "") + stableStringify(value[i] === undefined ? null : value[i]);
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = "{";
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${first ? "" : ","}${JSON.stringify(k)}:${stableStringify(v)}`;
    first = false;
  }
  return `${out}}`;
}

/** A content fingerprint of strings already in canonical form (sha1, hex): equal inputs, equal hashes. */
export function fingerprint(...parts: (string | number | null | undefined)[]): string {
  let text = "";
  for (const p of parts) text += `${p === null || p === undefined ? "\u0000" : p}\u0001`;
  return hash("sha1", text);
}

/** The fingerprint of any JSON value, independent of key order. */
export function contentHash(value: unknown): string {
  return fingerprint(stableStringify(value));
}
