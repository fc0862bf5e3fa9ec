import type { ReactNode } from "react";

export interface Mark {
  start: number;
  end: number;
  className: string;
  title?: string;
}

/**
 * Text with some ranges wrapped in <mark>. Everything is rendered as React text nodes, never as
 * HTML: posts and artifacts are untrusted. Overlapping marks: the earlier one wins.
 */
export function MarkedText({ text, marks, offset = 0 }: { text: string; marks: Mark[]; offset?: number }) {
  const inRange = marks
    .map((m) => ({ ...m, start: Math.max(0, m.start - offset), end: Math.min(text.length, m.end - offset) }))
    .filter((m) => m.end > m.start)
    .sort((a, b) => a.start - b.start);
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of inRange) {
    if (m.start < at) continue;
    if (m.start > at) out.push(text.slice(at, m.start));
    out.push(
      <mark key={`${m.start}-${m.end}`} className={m.className} title={m.title}>
        {text.slice(m.start, m.end)}
      </mark>,
    );
    at = m.end;
  }
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}
