import "server-only";
import fs from "node:fs";
import { InOrder } from "../../../domain/humanllm/in-order";
import { isQualifiedRow, isV2Qualified, postKey, rowKey, str, type PipelineUser } from "../../../domain/humanllm/post-records";
import { codePoints, postsWithinCut } from "../../../domain/humanllm/prompt-cut";
import type { PlatformLayout } from "../../../domain/humanllm/stages";
import { rowsOf } from "./rows-of";

// Which posts a user-level prompt was given where the user's posts file alone does not tell.

type Row = Record<string, unknown>;

/**
 * The posts the pipeline fed its writing-style prompt: the rows of the second tagging round
 * (by_users_quality_tagging_v2) tagged safe and about a social event, by their keys; where that file
 * is missing, the rows of the summary stage, which the same rule selected (post_summary_v2,
 * review_summary_v2). Blogger's: the high rows of its rewritten file (by_users_quality_tagging_v2_rewritten,
 * which keeps the rows whose rewrite succeeded), paired with the blogs by their texts. Null when none
 * of these files is there (the first round's posts are cited then).
 */
export async function writingStyleSources(
  layout: PlatformLayout,
  u: PipelineUser,
  keys: Set<string>,
  byText: InOrder<string>,
  files: { v2: string; rewritten: string; summary: { kind: string; file: string }[]; promptChars?: number },
): Promise<string[] | null> {
  const read = async (file: string, take: (row: Row) => boolean, keyOf: (row: Row) => string | undefined = (row) => rowKey(layout, row)) => {
    const found: string[] = [];
    for await (const { row } of rowsOf(file, layout.format)) {
      if (!row) continue;
      const key = keyOf(row); // every row pairs, taken or not, so that repeated texts pair in order
      if (key && take(row) && keys.has(key)) found.push(postKey(u, key));
    }
    return found;
  };
  if (layout.platform === "blogger") {
    if (!fs.existsSync(files.rewritten)) return null;
    // the high rows' rewrites in order, the prompt cut at 32,000 characters: those whose text begins within it
    const posts = byText.copy();
    const high: { id: string | null; length: number }[] = [];
    for await (const { row } of rowsOf(files.rewritten, layout.format)) {
      if (!row) continue;
      const key = posts.take(bloggerPostFields(row)); // every row pairs, so that repeated texts pair in order
      if (isQualifiedRow(layout, row)) high.push({ id: key && keys.has(key) ? postKey(u, key) : null, length: codePoints(str(row.rewritten_text) ?? "") });
    }
    const seen = high.slice(
      0,
      postsWithinCut(
        high.map((h) => h.length),
        files.promptChars ?? 0,
      ),
    );
    return seen.flatMap((h) => (h.id ? [h.id] : []));
  }
  if (fs.existsSync(files.v2)) return read(files.v2, (row) => isV2Qualified(layout, row));
  const summary = files.summary.find((s) => s.kind === "summary" && fs.existsSync(s.file));
  return summary ? read(summary.file, () => true) : null;
}

/** What a Blogger stage row repeats of its post (the tagging file's row, with the answer added). */
export const bloggerPostFields = (row: Row) => InOrder.key(row.date, row.text, row.cleaned_text);
