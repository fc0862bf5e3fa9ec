import { Fragment } from "react";
import { inlineSpans, markdownBlocks } from "@/lib/domain/markdown-blocks";

function Inline({ text }: { text: string }) {
  return (
    <>
      {inlineSpans(text).map((s, i) =>
        s.kind === "code" ? (
          <code key={i} className="rounded bg-slate-100 px-1 text-[0.9em]">
            {s.text}
          </code>
        ) : s.kind === "strong" ? (
          <strong key={i}>{s.text}</strong>
        ) : (
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </>
  );
}

const HEADING = ["text-2xl font-semibold", "mt-8 text-xl font-semibold", "mt-6 text-lg font-semibold", "mt-4 font-semibold"];

/** One of the project's Markdown docs as a page: elements built from its text, never HTML from it. */
export function MarkdownDoc({ source }: { source: string }) {
  return (
    <article className="max-w-4xl space-y-3 text-sm leading-relaxed text-slate-800" data-testid="doc">
      {markdownBlocks(source).map((b, i) => {
        switch (b.type) {
          case "heading": {
            const Tag = `h${Math.min(b.level, 4)}` as "h1";
            return (
              <Tag key={i} className={HEADING[Math.min(b.level, 4) - 1]}>
                <Inline text={b.text} />
              </Tag>
            );
          }
          case "paragraph":
            return (
              <p key={i}>
                <Inline text={b.text} />
              </p>
            );
          case "list":
            return (
              <ul key={i} className="list-disc space-y-1 pl-5">
                {b.items.map((item, j) => (
                  <li key={j}>
                    <Inline text={item} />
                  </li>
                ))}
              </ul>
            );
          case "table":
            return (
              <div key={i} className="overflow-x-auto">
                <table className="w-full text-left text-xs">
                  <thead className="text-slate-500">
                    <tr>
                      {b.head.map((h, j) => (
                        <th key={j} className="py-1 pr-3">
                          <Inline text={h} />
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((r, j) => (
                      <tr key={j} className="border-t border-slate-200 align-top">
                        {r.map((c, k) => (
                          <td key={k} className="py-1 pr-3">
                            <Inline text={c} />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case "code":
            return (
              <pre key={i} className="overflow-x-auto rounded bg-slate-900 p-3 font-mono text-xs text-slate-100">
                {b.text}
              </pre>
            );
        }
      })}
    </article>
  );
}
