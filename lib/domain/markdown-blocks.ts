/**
 * The little Markdown the project's own docs use (headings, paragraphs, lists, tables, fenced code,
 * `code` and **bold**), parsed into blocks that a page renders as elements: text stays text, no
 * HTML is ever produced from it.
 */
export type Block =
  | { type: "heading"; level: number; text: string }
  | { type: "paragraph"; text: string }
  | { type: "list"; items: string[] }
  | { type: "table"; head: string[]; rows: string[][] }
  | { type: "code"; text: string };

export type Span = { kind: "text" | "code" | "strong"; text: string };

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, "|"));

export function markdownBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length;) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
    } else if (line.startsWith("```")) {
      const body: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) body.push(lines[i]);
      i++;
      blocks.push({ type: "code", text: body.join("\n") });
    } else if (/^#{1,6} /.test(line)) {
      const level = line.indexOf(" ");
      blocks.push({ type: "heading", level, text: line.slice(level + 1).trim() });
      i++;
    } else if (line.trimStart().startsWith("|")) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i].trimStart().startsWith("|"); i++) if (!/^\s*\|[\s:|-]+\|\s*$/.test(lines[i])) rows.push(cells(lines[i]));
      blocks.push({ type: "table", head: rows[0] ?? [], rows: rows.slice(1) });
    } else if (/^\s*[-*] /.test(line)) {
      const items: string[] = [];
      for (; i < lines.length && (/^\s*[-*] /.test(lines[i]) || (/^\s{2,}\S/.test(lines[i]) && items.length)); i++) {
        if (/^\s*[-*] /.test(lines[i])) items.push(lines[i].replace(/^\s*[-*] /, ""));
        else items[items.length - 1] += ` ${lines[i].trim()}`;
      }
      blocks.push({ type: "list", items });
    } else {
      const text: string[] = [];
      for (; i < lines.length && lines[i].trim() !== "" && !/^(#{1,6} |```|\s*\||\s*[-*] )/.test(lines[i]); i++) text.push(lines[i].trim());
      blocks.push({ type: "paragraph", text: text.join(" ") });
    }
  }
  return blocks;
}

/** `code` and **bold** inside a line; everything else is plain text. */
export function inlineSpans(text: string): Span[] {
  const spans: Span[] = [];
  const re = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let at = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > at) spans.push({ kind: "text", text: text.slice(at, m.index) });
    spans.push(m[1] !== undefined ? { kind: "code", text: m[1] } : { kind: "strong", text: m[2] });
    at = m.index + m[0].length;
  }
  if (at < text.length) spans.push({ kind: "text", text: text.slice(at) });
  return spans;
}
