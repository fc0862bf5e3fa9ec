export type DiffOp = "same" | "del" | "ins";

export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Past this many cells the middle of a diff is shown as one replacement: a longest common subsequence over it would stall the page. */
const MAX_CELLS = 4_000_000;

/** Words and the whitespace between them, each a token: joined again they give the text back exactly. */
function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

function push(parts: DiffPart[], op: DiffOp, text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last?.op === op) last.text += text;
  else parts.push({ op, text });
}

/**
 * A word-level diff: what `before` and `after` share, what was taken out, what was put in. A
 * one-word change is one word out and one word in; joining the "same" and "del" parts gives
 * `before` back, the "same" and "ins" parts `after`.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(parts, "same", a.slice(0, start).join(""));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    push(parts, "del", midA.join(""));
    push(parts, "ins", midB.join(""));
  } else {
    for (const [op, token] of lcsDiff(midA, midB)) push(parts, op, token);
  }
  push(parts, "same", a.slice(endA).join(""));
  return parts;
}

/** The classic dynamic programme: lengths of common subsequences of the suffixes, then one walk from the front. */
function lcsDiff(a: string[], b: string[]): [DiffOp, string][] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  const out: [DiffOp, string][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push(["same", a[i++]]);
      j++;
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) out.push(["del", a[i++]]);
    else out.push(["ins", b[j++]]);
  }
  while (i < n) out.push(["del", a[i++]]);
  while (j < m) out.push(["ins", b[j++]]);
  return out;
}
