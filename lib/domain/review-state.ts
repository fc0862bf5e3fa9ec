import type { Decision } from "./kinds";

export type LabelMode = "three_class" | "binary";
export type ReviewStatus = "pending" | "in_review" | "disputed" | "accepted" | "rejected";

export interface LiveVerdict {
  accountId: number;
  decision: Decision;
  /** Stable JSON of the edited content, for edits. */
  content?: string | null;
}

export interface ReviewState {
  status: ReviewStatus;
  verdictCount: number;
  finalDecision: Decision | null;
  finalContent: string | null;
}

/** The class a decision falls in under a label mode: binary folds edit into accept. */
export function labelOf(decision: Decision, mode: LabelMode): string {
  return mode === "binary" && decision === "edit" ? "accept" : decision;
}

/**
 * An artifact's review status from its live (not superseded) verdicts, one per annotator.
 * Fewer than `overlap` verdicts: pending or in review. At the overlap: accepted or rejected when the
 * labels agree (edits also need the same corrected text, or a lead must choose), else disputed.
 */
export function deriveReviewState(verdicts: LiveVerdict[], overlap: number, mode: LabelMode): ReviewState {
  const count = verdicts.length;
  const open: ReviewState = { status: count === 0 ? "pending" : "in_review", verdictCount: count, finalDecision: null, finalContent: null };
  if (count < Math.max(1, overlap)) return open;

  const labels = new Set(verdicts.map((v) => labelOf(v.decision, mode)));
  if (labels.size > 1) return { ...open, status: "disputed" };
  if (labels.has("reject")) return { status: "rejected", verdictCount: count, finalDecision: "reject", finalContent: null };

  const edits = verdicts.filter((v) => v.decision === "edit");
  const editedTexts = new Set(edits.map((v) => v.content ?? ""));
  if (editedTexts.size > 1) return { ...open, status: "disputed" };
  if (edits.length > 0 && edits.length < count && mode === "three_class") return { ...open, status: "disputed" };
  return {
    status: "accepted",
    verdictCount: count,
    finalDecision: edits.length > 0 ? "edit" : "accept",
    finalContent: edits.length > 0 ? edits[0].content ?? null : null,
  };
}
