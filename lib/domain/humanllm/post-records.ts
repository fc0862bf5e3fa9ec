import { isQualified, parseQualityTags } from "./outputs";
import type { PlatformLayout } from "./stages";

// A user's posts as the pipeline keeps them, turned into the import format's records.

type Row = Record<string, unknown>;

/** A user of the pipeline: on Amazon, a user of one product category. */
export interface PipelineUser {
  platform: PlatformLayout["platform"];
  category?: string;
  uid: string;
}

/** A field as text: strings as they are, numbers written out (ids come as either). */
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

/** The user's key in the workbench: "reddit:123", "amazon:Books/123". */
export const userKey = (u: PipelineUser) => `${u.platform}:${u.category ? `${u.category}/` : ""}${u.uid}`;

/**
 * A post's key: the platform's post id; an Amazon review is the user's review of a product, a
 * Blogger post the user's post at its row of the tagging file.
 */
export const postKey = (u: PipelineUser, key: string) => (u.platform === "amazon" || u.platform === "blogger" ? `${userKey(u)}:${key}` : `${u.platform}:${key}`);

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/**
 * A date as the pipeline's sources give it, as ISO 8601: Unix seconds (Reddit's created_utc),
 * milliseconds (Amazon's timestamp), an ISO date (tweets) or the Blogger corpus' "14,May,2004".
 */
export function isoDate(v: unknown, unit: "s" | "ms" = "s"): string | undefined {
  const text = str(v)?.trim();
  if (!text) return undefined;
  const blogger = /^(\d{1,2}),([A-Za-z]+),(\d{4})$/.exec(text);
  let d: Date;
  if (blogger) {
    const month = MONTHS.findIndex((m) => m.startsWith(blogger[2].toLowerCase().slice(0, 3)));
    if (month < 0) return undefined;
    d = new Date(Date.UTC(Number(blogger[3]), month, Number(blogger[1])));
  } else d = /^\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * (unit === "s" ? 1000 : 1)) : new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * The key of a row of the posts file: the platform's post id (postKey). A Reddit comment's row is
 * its submission's row with `type` t1 and com_* fields added (reddit_data_filter.py,
 * process_comments), so its key is its own com_id, as Reddit's fullname "t1_…" (submission ids are
 * bare, so the two never meet). Blogger's rows have no post id (`id` is the user's): a post is its
 * row of the user's tagging file, `position` (from 1).
 */
export function rowKey(layout: PlatformLayout, row: Row, position?: number): string | undefined {
  if (layout.platform === "blogger") return position === undefined ? undefined : String(position);
  if (layout.platform === "reddit" && row.type === "t1") {
    const name = str(row.com_name);
    const id = str(row.com_id);
    return name?.startsWith("t1_") ? name : id ? `t1_${id}` : undefined;
  }
  return str(row[layout.postKey]);
}

/**
 * A field of the second tagging round's answer as the pipeline reads it (utils.py,
 * extract_field_from_json_re_2): the first `"field": "value"` or `"field": token`, as written.
 */
function v2Field(answer: string, field: string): string | null {
  const m = new RegExp(`"${field}"\\s*:\\s*(?:"([^"]*?)"|([^,}\\s]+))`).exec(answer);
  return m ? (m[1] ?? m[2]) : null;
}

/**
 * Whether the pipeline fed this row of by_users_quality_tagging_v2 to its writing-style and summary
 * prompts: tagged `"unsafe content": no` and `"social event": yes` in the second round (on Reddit a
 * submission).
 */
export function isV2Qualified(layout: PlatformLayout, row: Row): boolean {
  if (layout.platform === "reddit" && row.type !== "t3") return false;
  const answer = str(row.blog_quality_v2);
  if (!answer) return false;
  return v2Field(answer, "unsafe content")?.toLowerCase() === "no" && v2Field(answer, "social event")?.toLowerCase() === "yes";
}

/**
 * The reviews Amazon's persona and profile prompts hold (amazon_data_gen.py,
 * gen_content_and_output2file_bydir): the target is the last review that qualifies when it is at
 * index 7 or later, else the last review; the prompt holds up to 30 reviews just before the target,
 * whatever their tags, and not the target itself.
 */
export function amazonHistory<T>(reviews: readonly { value: T; qualified: boolean }[]): T[] {
  let last = -1;
  reviews.forEach((r, i) => r.qualified && (last = i));
  const target = last < 7 ? reviews.length - 1 : last;
  return reviews.slice(Math.max(0, target - 30), Math.max(0, target)).map((r) => r.value);
}

/** Whether the pipeline fed this post to its user-level prompts. */
export function isQualifiedRow(layout: PlatformLayout, row: Row): boolean {
  // blogger_data_gen.py: blog_quality.lower() == "high", unstripped ("High" passes, "high\n" does not)
  if (layout.platform === "blogger") return str(row.blog_quality)?.toLowerCase() === "high";
  if (layout.platform === "reddit" && row.type === "t1") return false;
  return isQualified(row.quality_tag);
}

/**
 * A row of the user's posts file as an import `post`, or why it cannot be one. `itemTitle` names an
 * Amazon product (raw_data/amazon_{category}_content.json).
 */
export function postRecord(layout: PlatformLayout, u: PipelineUser, row: Row, source: string, opts: { itemTitle?: (itemId: string) => string | undefined; position?: number } = {}): Row | string {
  const key = rowKey(layout, row, opts.position);
  if (!key) return layout.platform === "reddit" && row.type === "t1" ? "the comment has no com_id" : `the post has no ${layout.postKey}`;
  const common = { type: "post", id: postKey(u, key), uid: userKey(u), platform: layout.platform };
  const optional = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ""));
  const tags = parseQualityTags(row.quality_tag);
  switch (layout.platform) {
    case "reddit": {
      // a comment's row carries its submission's fields (id, title, time, score): its own are com_*
      const comment = row.type === "t1";
      const title = str(row.title);
      // the pipeline's rows name the subreddit in `split` (the dataset's split), all fields as text
      const subreddit = str(row.subreddit) ?? str(row.split);
      const score = comment ? row.com_score : row.score;
      return {
        ...common,
        kind: comment ? "comment" : "submission",
        text: (comment ? str(row.com_body) : [title, str(row.selftext)].filter(Boolean).join("\n\n")) ?? "",
        ...optional({
          rewrite: str(comment ? row.rewrite_comment : row.rewrite_blog),
          title: comment ? undefined : title,
          created_at: isoDate(comment ? row.com_created_utc : row.created_utc),
          tags: tags ?? undefined,
        }),
        meta: {
          source,
          ...optional({ subreddit, score: score === undefined || score === "" || Number.isNaN(Number(score)) ? undefined : Number(score) }),
          ...(comment ? optional({ submission_id: str(row.id), submission_title: title }) : {}),
        },
      };
    }
    case "twitter":
      return {
        ...common,
        kind: "tweet",
        text: str(row.tweet) ?? str(row.text) ?? "",
        ...optional({ rewrite: str(row.rewrite_blog), created_at: isoDate(row.date ?? row.created_at), tags: tags ?? undefined }),
        meta: { source },
      };
    case "blogger": {
      const quality = str(row.blog_quality)?.trim().toLowerCase();
      const text = str(row.text);
      return {
        ...common,
        kind: "blog",
        text: text || (str(row.cleaned_text) ?? ""),
        ...optional({ rewrite: text ? str(row.cleaned_text) : undefined, created_at: isoDate(row.date), tags: quality && ["high", "medium", "low"].includes(quality) ? { quality } : undefined }),
        meta: { source, ...optional({ topic: row.topic, gender: row.gender, age: row.age }) },
      };
    }
    case "amazon":
      return {
        ...common,
        kind: "review",
        text: str(row.text) ?? "",
        // the review's own headline (amazon_filter_s1.py keeps it as title)
        ...optional({ title: str(row.title), rewrite: str(row.rewrite_blog), created_at: isoDate(row.timestamp, "ms"), tags: tags ?? undefined }),
        meta: { source, rating: Number(row.rating), item_title: opts.itemTitle?.(key) ?? `product ${key}`, item_id: key, ...optional({ category: u.category }) },
      };
  }
}
