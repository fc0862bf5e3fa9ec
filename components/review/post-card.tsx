import type { ReviewPost } from "@/lib/views/review";
import { MarkedText, type Mark } from "./marked-text";
import { timeText } from "@/lib/domain/time-text";

/** A metadata value as text, exactly as the pipeline gave it (an object as its JSON, not "[object Object]"). */
function shown(v: unknown, fallback: string): string {
  if (v === undefined || v === null) return fallback;
  return typeof v === "object" ? JSON.stringify(v) : String(v as string | number | boolean);
}

function Header({ post }: { post: ReviewPost }) {
  const date = post.createdAt ? timeText(post.createdAt, "day") : "undated";
  const m = post.meta;
  switch (post.platform) {
    case "reddit":
      return (
        <p className="text-xs text-orange-700">
          r/{shown(m.subreddit, "?")} · ▲ {shown(m.score, "0")} · {post.kind} · {date}
        </p>
      );
    case "twitter":
      return (
        <p className="text-xs text-sky-700">
          tweet · ♥ {shown(m.likes, "0")} · ↻ {shown(m.retweets, "0")} · {date}
        </p>
      );
    case "amazon":
      return (
        <p className="text-xs text-amber-700">
          <span aria-label={`${shown(m.rating, "?")} of 5 stars`}>
            {"★".repeat(Number(m.rating) || 0)}
            {"☆".repeat(5 - (Number(m.rating) || 0))}
          </span>{" "}
          · review of <span className="font-medium">{shown(m.item_title, "")}</span> · {date}
        </p>
      );
    default:
      return <p className="text-xs text-emerald-700">blog post · {date}</p>;
  }
}

/** One source post, looking like its platform; `marks` are offsets into the shown text. */
export function PostCard({ post, showRewrite, selected, marks }: { post: ReviewPost; showRewrite: boolean; selected: boolean; marks: Mark[] }) {
  const text = showRewrite && post.rewrite ? post.rewrite : post.text;
  return (
    <article
      id={`post-${post.id}`}
      data-testid="post"
      aria-current={selected || undefined}
      className={`rounded border p-3 text-sm ${selected ? "border-indigo-500 ring-2 ring-indigo-200" : "border-slate-200"} ${post.cited ? "bg-white" : "bg-slate-50 opacity-90"}`}
    >
      <Header post={post} />
      {post.title && <h3 className="mt-1 font-semibold">{post.title}</h3>}
      <p className={`mt-1 whitespace-pre-wrap ${post.cited || selected || marks.length ? "" : "line-clamp-2"}`}>
        <MarkedText text={text} marks={showRewrite && post.rewrite ? [] : marks} />
      </p>
      <p className="mt-1 text-[11px] text-slate-400">
        {post.id}
        {post.cited ? " · cited" : ""}
        {showRewrite && !post.rewrite ? " · no rewrite" : ""}
      </p>
    </article>
  );
}
