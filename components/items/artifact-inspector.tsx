"use client";
import { useState } from "react";
import type { AlignedSentence } from "@/lib/domain/evidence";
import { orderedTextFields } from "@/lib/domain/highlights";
import type { ReviewItem } from "@/lib/views/review";
import { ArtifactView } from "../review/artifact-view";
import { EvidencePane } from "../review/evidence-pane";

/** The review screen's evidence and artifact panes, read-only: clicking a sentence shows its support. */
export function ArtifactInspector({ item }: { item: ReviewItem }) {
  const [focus, setFocus] = useState<AlignedSentence | null>(null);
  const [showRewrite, setShowRewrite] = useState(false);
  const [post, setPost] = useState(0);
  return (
    <div className="grid min-h-0 grid-cols-1 gap-4 md:grid-cols-2">
      <div className="flex max-h-[70vh] min-h-0 flex-col">
        <EvidencePane posts={item.posts} selectedPost={post} showRewrite={showRewrite} onToggleRewrite={() => setShowRewrite((v) => !v)} focus={focus} />
      </div>
      <div className="max-h-[70vh] overflow-y-auto">
        <ArtifactView
          item={item}
          fields={orderedTextFields(item.kind, item.content)}
          selected={focus}
          onSelect={setFocus}
          onShowPost={(id) =>
            setPost(
              Math.max(
                0,
                item.posts.findIndex((p) => p.id === id),
              ),
            )
          }
        />
      </div>
    </div>
  );
}
