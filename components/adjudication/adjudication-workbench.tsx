"use client";

import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { diffContent } from "@/lib/domain/content-diff";
import { setAtPath } from "@/lib/domain/content-path";
import { orderedTextFields } from "@/lib/domain/highlights";
import type { ReasonCode } from "@/lib/domain/kinds";
import type { DisputedVerdict } from "@/lib/views/adjudication";
import type { ReviewItem } from "@/lib/views/review";
import { ArtifactView } from "../review/artifact-view";
import { EvidencePane } from "../review/evidence-pane";
import { HelpOverlay } from "../review/help-overlay";
import { REASON_KEYS } from "../review/reasons";
import { useWorkbenchKeys } from "../review/use-workbench-keys";
import { DecisionPanel, type Choice } from "./decision-panel";
import { VerdictCard } from "./verdict-card";

const ADJUDICATION_KEYS: [string, string][] = [
  ["a / e / r", "accept as it is, accept with an edit (the first annotator's, if any), reject"],
  ["1 … 9, 0, -", "toggle a reason code"],
  ["Enter", "record the decision (Ctrl+Enter while typing)"],
  ["Esc", "leave a text field; clear the decision; close this help"],
  ["j / k", "next / previous source post"],
  ["?", "this help"],
];

/** The lead's screen: the evidence, the artifact, every verdict side by side, and the final decision; it works from the review keys. */
export function AdjudicationWorkbench({ projectId, item, verdicts }: { projectId: number; item: ReviewItem; verdicts: DisputedVerdict[] }) {
  const router = useRouter();
  const edits = useMemo(() => verdicts.filter((v) => v.decision === "edit" && v.content), [verdicts]);
  // nothing is chosen until the lead chooses
  const [choice, setChoice] = useState<Choice | null>(null);
  const [content, setContent] = useState<Record<string, unknown>>(item.content);
  const [reasons, setReasons] = useState<ReasonCode[]>([]);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [help, setHelp] = useState(false);
  const [post, setPost] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const changes = useMemo(() => diffContent(item.content, content), [item.content, content]);

  const choose = useCallback(
    (next: Choice | null) => {
      setChoice(next);
      if (next?.kind === "edit") setContent(next.from === null ? item.content : (edits.find((e) => e.verdictId === next.from)?.content ?? item.content));
    },
    [item.content, edits],
  );
  const toggleReason = useCallback((r: ReasonCode) => setReasons((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r])), []);

  const submit = useCallback(async () => {
    if (!choice || busy) return;
    if (choice.kind === "reject" && reasons.length === 0) return setError("Choose at least one reason (keys 1-9, 0, -) for a reject.");
    setBusy(true);
    setError(null);
    const adjudication = { artifactId: item.artifactId, decision: choice.kind, reasons, note, content: choice.kind === "edit" ? content : undefined };
    const res = await fetch(`/api/adjudicate/${projectId}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ adjudication }) });
    const data = await res.json().catch(() => null);
    setBusy(false);
    if (!res.ok) return setError(data?.error?.message ?? `The server answered HTTP ${res.status}.`);
    router.replace(`/adjudicate/${projectId}?recorded=${encodeURIComponent(item.artifactId)}`);
    router.refresh();
  }, [choice, busy, reasons, note, content, item.artifactId, projectId, router]);

  useWorkbenchKeys(root, {
    help,
    closeHelp: () => setHelp(false),
    submit: () => void submit(),
    actionOf: (key) => {
      const keyActions: Record<string, () => void> = {
        a: () => choose({ kind: "accept" }),
        e: () => choose({ kind: "edit", from: edits[0]?.verdictId ?? null }),
        r: () => choose({ kind: "reject" }),
        Enter: () => void submit(),
        Escape: () => choose(null),
        j: () => setPost((p) => Math.min(item.posts.length - 1, p + 1)),
        k: () => setPost((p) => Math.max(0, p - 1)),
        "?": () => setHelp(true),
      };
      return keyActions[key] ?? (REASON_KEYS[key] ? () => toggleReason(REASON_KEYS[key]) : undefined);
    },
  });

  return (
    <div ref={root} className="grid min-h-0 grid-cols-1 gap-4 md:grid-cols-2" data-testid="adjudication-workbench">
      {help && <HelpOverlay onClose={() => setHelp(false)} keys={ADJUDICATION_KEYS} />}
      <div className="flex max-h-[calc(100vh-12rem)] min-h-0 flex-col">
        <EvidencePane posts={item.posts} selectedPost={post} showRewrite={false} onToggleRewrite={() => {}} focus={null} />
      </div>
      <div className="flex max-h-[calc(100vh-12rem)] min-h-0 flex-col gap-3">
        <div className="min-h-0 flex-1 space-y-3 overflow-y-auto">
          <ArtifactView
            item={item}
            fields={orderedTextFields(item.kind, item.content)}
            selected={null}
            onSelect={() => {}}
            onShowPost={(id) =>
              setPost(
                Math.max(
                  0,
                  item.posts.findIndex((p) => p.id === id),
                ),
              )
            }
            editing={choice?.kind === "edit" ? { fields: orderedTextFields(item.kind, content), changes, onChange: (field, value) => setContent((c) => setAtPath(c, field, value)) } : null}
          />
          <section aria-label="Verdicts" className="space-y-2">
            <h2 className="text-sm font-semibold text-slate-700">Verdicts ({verdicts.length})</h2>
            {verdicts.map((v) => (
              <VerdictCard key={v.verdictId} v={v} />
            ))}
          </section>
        </div>
        {/* outside the scrolling column: the decision and its button are always in view */}
        <DecisionPanel
          choice={choice}
          edits={edits}
          reasons={reasons}
          note={note}
          error={error}
          busy={busy}
          onChoose={choose}
          onToggleReason={toggleReason}
          onNote={setNote}
          onSubmit={() => void submit()}
        />
      </div>
    </div>
  );
}
