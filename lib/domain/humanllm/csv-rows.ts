/**
 * The rows of a CSV file as pandas writes it (RFC 4180: a header line, fields quoted with " when
 * they hold a comma, a quote or a line break, quotes doubled inside), each with the line it starts
 * on. A row with more fields than the header, or an unterminated quote, is an error at its line.
 */
export function* csvRows(text: string): Generator<{ line: number; row: Record<string, string> | null; error?: string }> {
  let header: string[] | null = null;
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = () => {
    fields.push(field);
    field = "";
    const done = fields;
    fields = [];
    return done;
  };
  const emit = (values: string[]) => {
    if (!header) {
      header = values.map((h) => h.trim());
      return null;
    }
    if (values.length === 1 && values[0] === "") return null; // a blank line
    if (values.length > header.length) return { line: start, row: null, error: `${values.length} fields where the header has ${header.length}` };
    return { line: start, row: Object.fromEntries(header.map((h, k) => [h, values[k] ?? ""])) };
  };
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      // the run up to the next quote at once (the native search), counting its line breaks
      const close = text.indexOf('"', i);
      const run = text.slice(i, close === -1 ? text.length : close);
      for (let nl = run.indexOf("\n"); nl !== -1; nl = run.indexOf("\n", nl + 1)) line++;
      field += run;
      if (close === -1) {
        i = text.length;
        break;
      }
      i = close;
      if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      const out = emit(end());
      if (out) yield out;
      line++;
      start = line;
    } else field += c;
  }
  if (quoted) {
    yield { line: start, row: null, error: "a quoted field is not closed" };
    return;
  }
  if (field !== "" || fields.length) {
    const out = emit(end());
    if (out) yield out;
  }
}
