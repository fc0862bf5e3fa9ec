"use client";

import { useEffect } from "react";
import type { AlignedSentence } from "@/lib/domain/evidence";
import type { ReviewPost } from "@/lib/views/review";
import { PostCard } from "./post-card";

/** Left: the source user's posts, cited first; the support of the selected artifact sentence is marked (in an uncited post, in another colour). */
export function EvidencePane({
  posts,
  selectedPost,
  showRewrite,
  onToggleRewrite,
  focus,
}: {
  posts: ReviewPost[];
  selectedPost: number;
  showRewrite: boolean;
  onToggleRewrite: () => void;
  focus: AlignedSentence | null;
}) {
  useEffect(() => {
    const target = focus?.support[0]?.postId ?? focus?.elsewhere?.postId ?? posts[selectedPost]?.id;
    if (target) document.getElementById(`post-${target}`)?.scrollIntoView({ block: "nearest" });
  }, [focus, selectedPost, posts]);
  const citedCount = posts.filter((p) => p.cited).length;
  return (
    <section aria-label="Source posts" className="flex min-h-0 flex-col">
      <div className="mb-2 flex items-center justify-between">
        <h2 className="text-sm font-semibold text-slate-700">
          Source posts{" "}
          <span className="font-normal text-slate-500">
            ({citedCount} cited, {posts.length - citedCount} more)
          </span>
        </h2>
        <button type="button" onClick={onToggleRewrite} className="rounded border border-slate-300 px-2 py-0.5 text-xs" aria-pressed={showRewrite}>
          {showRewrite ? "Showing the pipeline's rewrite" : "Showing raw text"} (t)
        </button>
      </div>
      <div className="max-h-[45vh] min-h-0 flex-1 space-y-2 overflow-y-auto pr-1 md:max-h-none">
        {posts.map((p, i) => (
          <PostCard
            key={p.id}
            post={p}
            showRewrite={showRewrite}
            selected={i === selectedPost}
            marks={[
              ...(focus?.support ?? []).map((s) => ({ ...s, className: "bg-lime-200", title: `support ${s.score.toFixed(2)}` })),
              ...(focus?.elsewhere ? [{ ...focus.elsewhere, className: "bg-sky-200", title: `support in a post the artifact does not cite ${focus.elsewhere.score.toFixed(2)}` }] : []),
            ]
              .filter((s) => s.postId === p.id)
              .map((s) => ({ start: s.sentence.start, end: s.sentence.end, className: s.className, title: s.title }))}
          />
        ))}
      </div>
    </section>
  );
}
