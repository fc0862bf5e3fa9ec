"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { diffContent } from "@/lib/domain/content-diff";
import { setAtPath } from "@/lib/domain/content-path";
import { leakedNames, redactPii, replaceLeakedName, type FixIt } from "@/lib/domain/fix-its";
import { orderedTextFields } from "@/lib/domain/highlights";
import { describeChecks, type RiskyCheck } from "@/lib/domain/risky-checks";
import type { ReasonCode } from "@/lib/domain/kinds";
import { ArtifactView } from "./artifact-view";
import { EmptyQueue } from "./empty-queue";
import { EvidencePane } from "./evidence-pane";
import { HelpOverlay } from "./help-overlay";
import { REASON_KEYS } from "./reasons";
import { localDayStart, reviewCall, type StepResult } from "./review-api";
import { ReviewHeader, type ReviewMessage } from "./review-header";
import { useReviewDraft } from "./use-review-draft";
import { useWorkbenchKeys } from "./use-workbench-keys";
import { VerdictBar, type Mode } from "./verdict-bar";
import { words } from "@/lib/domain/labels";

/** The review screen: evidence left, artifact right, verdict bar below; the whole loop works from the keyboard. */
export function ReviewWorkbench({ projectId, projectName, initial }: { projectId: number; projectName: string; initial: StepResult }) {
  const [step, setStep] = useState<StepResult>(initial);
  // verdicts in all: counted on load, then kept here (a verdict adds one, an undo takes one back) so a step need not count them
  const [total, setTotal] = useState(initial.progress.total ?? 0);
  const item = step.item;
  const { draft, update, clear } = useReviewDraft(projectId, item?.artifactId ?? null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ReviewMessage | null>(null);
  const [canUndo, setCanUndo] = useState(false);
  const [help, setHelp] = useState(false);
  const [showRewrite, setShowRewrite] = useState(false);
  const [post, setPost] = useState(0);
  const [sentence, setSentence] = useState(-1);
  // when the artifact was shown, for the verdict's duration (set once it is on screen)
  const shownAt = useRef(0);
  // marked once the keys are listened to: a key pressed before hydration would be lost
  const root = useRef<HTMLDivElement>(null);
  // the failed checks an accept would go over, once the reviewer has been asked about them
  const [asked, setAsked] = useState<RiskyCheck[] | null>(null);
  const risky = useMemo(() => item?.riskyChecks ?? [], [item]);

  // a new artifact starts at its first post with nothing asked; a new mode asks again
  const [shown, setShown] = useState({ artifactId: item?.artifactId, mode: draft.mode });
  if (shown.artifactId !== item?.artifactId || shown.mode !== draft.mode) {
    if (shown.artifactId !== item?.artifactId) {
      setPost(0);
      setSentence(-1);
    }
    setAsked(null);
    setShown({ artifactId: item?.artifactId, mode: draft.mode });
  }
  useEffect(() => {
    shownAt.current = Date.now();
  }, [item?.artifactId]);
  // the server counted "today" from UTC midnight; a reader elsewhere gets their own day's count (the lease they hold is handed back)
  /** shows the next step; a verdict adds to the total, an undo takes one back, unless the step counted it */
  const applyStep = useCallback((next: StepResult, action: "next" | "verdict" | "skip" | "undo") => {
    setStep(next);
    if (next.progress.total !== null) setTotal(next.progress.total);
    else if (action === "verdict" || action === "undo") setTotal((t) => Math.max(0, t + (action === "verdict" ? 1 : -1)));
  }, []);
  useEffect(() => {
    if (initial.progress.dayStart !== localDayStart())
      reviewCall(projectId, "next").then(
        (next) => applyStep(next, "next"),
        () => undefined,
      );
  }, [projectId, initial.progress.dayStart, applyStep]);

  const original = useMemo(() => (item ? orderedTextFields(item.kind, item.content) : []), [item]);
  const editedContent = useMemo(() => draft.content ?? item?.content ?? {}, [draft.content, item]);
  const editing = draft.mode === "edit";
  const fields = editing && item ? orderedTextFields(item.kind, editedContent) : original;
  const changes = useMemo(() => (item && editing ? diffContent(item.content, editedContent) : []), [item, editing, editedContent]);
  const checked = useMemo(() => (item?.evidence ?? []).filter((e) => e.checked), [item]);

  const run = useCallback(
    async (action: "verdict" | "skip" | "undo", body?: unknown, done?: string) => {
      setBusy(true);
      setMessage(null);
      try {
        const next = await reviewCall(projectId, action, body);
        if (action === "verdict") clear();
        applyStep(next, action);
        setCanUndo(action === "verdict");
        setMessage({ tone: "ok", text: done ? done + (next.status ? ` · artifact is now ${words(next.status)}` : "") : "" });
      } catch (e) {
        setMessage({ tone: "error", text: (e as Error).message });
      } finally {
        setBusy(false);
      }
    },
    [projectId, clear, applyStep],
  );

  // edit mode opened by "e" puts the cursor in the first field; a fix-it key leaves it out, so the next fix-it key works too
  const [typeFirst, setTypeFirst] = useState(true);
  const setMode = useCallback(
    (mode: Mode) => {
      setTypeFirst(true);
      update({ mode, content: mode === "edit" ? (draft.content ?? item?.content ?? null) : draft.content });
    },
    [update, draft.content, item],
  );
  const names = useMemo(() => (item ? leakedNames(item.highlights, item.content) : []), [item]);
  /** A fix-it key: makes the change in edit mode, with the reason the failed check suggests. */
  const fixIt = useCallback(
    (fix: (content: Record<string, unknown>) => FixIt | null, none: string) => {
      if (!item) return;
      const done = fix(draft.content ?? item.content);
      if (!done) return setMessage({ tone: "error", text: none });
      setTypeFirst(false);
      update({ mode: "edit", content: done.content, reasons: draft.reasons.includes("pii") ? draft.reasons : [...draft.reasons, "pii"] });
      setMessage({ tone: "ok", text: `${done.done}: check the edit, then submit (Enter)` });
    },
    [item, draft.content, draft.reasons, update],
  );
  const toggleReason = useCallback((r: ReasonCode) => update({ reasons: draft.reasons.includes(r) ? draft.reasons.filter((x) => x !== r) : [...draft.reasons, r] }), [update, draft.reasons]);
  const submit = useCallback(() => {
    if (!item || !draft.mode || busy) return;
    if (draft.mode !== "accept" && draft.reasons.length === 0)
      return setMessage({ tone: "error", text: `Choose at least one reason (keys 1-9, 0, -) for ${draft.mode === "edit" ? "an edit" : "a reject"}.` });
    if (draft.mode === "edit" && changes.length === 0) return setMessage({ tone: "error", text: "The edit changes nothing yet: correct a field, or accept instead." });
    const overriding = draft.mode === "accept" ? risky : [];
    if (overriding.length && !asked) {
      setAsked(overriding);
      return setMessage({
        tone: "error",
        text: `This artifact failed the check for ${describeChecks(overriding)}. Press Enter again to accept it anyway (your verdict records the override), or edit (e) or reject (r) it.`,
      });
    }
    const verdict = {
      artifactId: item.artifactId,
      decision: draft.mode,
      reasons: draft.reasons,
      content: draft.mode === "edit" ? editedContent : undefined,
      comment: draft.comment || undefined,
      durationMs: Date.now() - shownAt.current,
      overrides: overriding,
    };
    void run("verdict", { verdict }, `Saved: ${draft.mode}${overriding.length ? `, over the failed check for ${describeChecks(overriding)}` : ""}`);
  }, [item, draft, busy, changes.length, editedContent, run, risky, asked]);
  const skip = useCallback(() => item && !busy && run("skip", { artifactId: item.artifactId }, "Skipped"), [item, busy, run]);
  const undo = useCallback(() => !busy && run("undo", undefined, "Undone: the artifact is back for a new verdict"), [busy, run]);

  useWorkbenchKeys(root, {
    help,
    closeHelp: () => setHelp(false),
    submit,
    actionOf: (key) => {
      // with the queue empty, only help and the undo of the verdict that emptied it are left
      if (!item) return key === "?" ? () => setHelp(true) : key === "u" ? () => void undo() : undefined;
      const posts = item.posts.length;
      const keyActions: Record<string, () => void> = {
        a: () => setMode("accept"),
        e: () => setMode("edit"),
        r: () => setMode("reject"),
        Enter: submit,
        s: () => void skip(),
        u: () => void undo(),
        j: () => setPost((p) => Math.min(posts - 1, p + 1)),
        k: () => setPost((p) => Math.max(0, p - 1)),
        n: () => setSentence((s) => Math.min(checked.length - 1, s + 1)),
        p: () => setSentence((s) => Math.max(0, s - 1)),
        t: () => setShowRewrite((v) => !v),
        x: () => fixIt((c) => replaceLeakedName(c, names), "No real name from the posts is left in this artifact."),
        d: () => fixIt((c) => redactPii(c, orderedTextFields(item.kind, c)), "No personal data is left in this artifact."),
        c: () => document.getElementById("verdict-comment")?.focus(),
        "?": () => setHelp(true),
        Escape: () => setMode(null),
      };
      return keyActions[key] ?? (REASON_KEYS[key] && draft.mode ? () => toggleReason(REASON_KEYS[key]) : undefined);
    },
  });

  const focus = sentence >= 0 ? (checked[sentence] ?? null) : null;
  return (
    <div ref={root} className="flex flex-col gap-3 md:h-[calc(100vh-9rem)]" data-testid="review-workbench">
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
      <ReviewHeader projectName={projectName} progress={{ ...step.progress, total: step.progress.total ?? total }} leaseExpiresAt={item?.leaseExpiresAt ?? null} message={message} />
      {!item ? (
        <EmptyQueue totals={step.progress} canUndo={canUndo} onUndo={undo} />
      ) : (
        <>
          <div className="grid min-h-0 flex-1 grid-cols-1 gap-4 md:grid-cols-2">
            <EvidencePane posts={item.posts} selectedPost={post} showRewrite={showRewrite} onToggleRewrite={() => setShowRewrite((v) => !v)} focus={focus} />
            <ArtifactView
              item={item}
              fields={original}
              selected={focus}
              onSelect={(s) => setSentence(checked.indexOf(s))}
              fixKeys
              onShowPost={(id) =>
                setPost(
                  Math.max(
                    0,
                    item.posts.findIndex((p) => p.id === id),
                  ),
                )
              }
              editing={editing ? { fields, changes, typeFirst, onChange: (field, value) => update({ content: setAtPath(editedContent, field, value) }) } : null}
            />
          </div>
          <VerdictBar
            mode={draft.mode}
            reasons={draft.reasons}
            comment={draft.comment}
            busy={busy}
            canUndo={canUndo}
            onMode={setMode}
            onToggleReason={toggleReason}
            onComment={(comment) => update({ comment })}
            onSubmit={submit}
            onSkip={() => void skip()}
            onUndo={() => void undo()}
          />
          <p className="text-xs text-slate-500">
            Press <kbd>?</kbd> for keyboard shortcuts.
          </p>
        </>
      )}
    </div>
  );
}
