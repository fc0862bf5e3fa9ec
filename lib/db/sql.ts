/**
 * SQL as tagged templates: `sql\`SELECT … WHERE id = ${id}\`` keeps every value a bound parameter,
 * numbered ($1, $2, ...) when the statement is compiled, and fragments nest.
 */
// Symbol.for: a bundler may load this module more than once, and fragments pass between the copies
const FRAGMENT = Symbol.for("humanllm-workbench.sql");

export interface Sql {
  readonly [FRAGMENT]: true;
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
}

const isSql = (v: unknown): v is Sql => typeof v === "object" && v !== null && FRAGMENT in v;

function fragment(strings: readonly string[], values: readonly unknown[]): Sql {
  return { [FRAGMENT]: true, strings, values };
}

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return fragment(strings, values);
}

/** SQL text written in the code (a column name chosen from a fixed list), never text from input. */
sql.raw = (text: string): Sql => fragment([text], []);

sql.empty = fragment([""], []);

/** The fragments joined by `separator` (default ", "). */
sql.join = (parts: readonly Sql[], separator: Sql = fragment([", "], [])): Sql => {
  if (parts.length === 0) return sql.empty;
  const values: unknown[] = [];
  parts.forEach((p, i) => {
    if (i > 0) values.push(separator);
    values.push(p);
  });
  return fragment(Array(values.length + 1).fill(""), values);
};

/** `(v1, v2, …)` for `x IN ${sql.list(values)}`; an empty list matches nothing. */
sql.list = (values: readonly unknown[]): Sql => (values.length === 0 ? sql.raw("(NULL)") : fragment(["(", ...values.slice(1).map(() => ", "), ")"], values));

export interface CompiledSql {
  text: string;
  values: unknown[];
}

/** Flattens nested fragments into text with numbered placeholders made by `placeholder(n)` (1-based). */
export function compile(q: Sql, placeholder: (n: number) => string): CompiledSql {
  const out: CompiledSql = { text: "", values: [] };
  const walk = (f: Sql) => {
    f.strings.forEach((s, i) => {
      out.text += s;
      if (i >= f.values.length) return;
      const v = f.values[i];
      if (isSql(v)) walk(v);
      else {
        out.values.push(v);
        out.text += placeholder(out.values.length);
      }
    });
  };
  walk(q);
  return out;
}
