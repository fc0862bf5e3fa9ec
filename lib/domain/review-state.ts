import { reasonFlagsOf, type Decision } from "./kinds";

export type LabelMode = "three_class" | "binary";
export const REVIEW_STATUSES = ["pending", "in_review", "disputed", "accepted", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface LiveVerdict {
  accountId: number;
  decision: Decision;
  /** Stable JSON of the edited content, for edits. */
  content?: string | null;
  reasons?: readonly string[];
  /** failed checks the annotator accepted over (HIGHLIGHT_FLAGS bits) */
  overrideFlags?: number;
}

/**
 * A decision that outranks the verdicts: a lead's adjudication (final, whatever verdicts come or go
 * after it) or a triage rule's (final while no person has given a live verdict).
 */
export interface Ruling {
  by: "lead" | "rules";
  decision: Decision;
  /** stable JSON of the content that ships, for an adjudicated edit */
  content?: string | null;
  reasons?: readonly string[];
}

export type DecidedBy = "annotators" | "lead" | "rules";

export interface ReviewState {
  status: ReviewStatus;
  /** who made it final; null while it is open */
  decidedBy: DecidedBy | null;
  verdictCount: number;
  finalDecision: Decision | null;
  finalContent: string | null;
  /** the share of live verdicts outside the most common answer (edits with different text differ): 0 when all agree */
  disagreement: number;
  /** every reason code the live verdicts give, as bits (reasonFlagsOf) */
  reasonFlags: number;
  /** the failed checks any live verdict accepted over, as bits */
  overrideFlags: number;
  /** the live verdicts by decision (what a dispute's case is made of) */
  votes: { accepts: number; edits: number; rejects: number };
}

/** How far the verdicts are from agreeing: 1 - (size of the largest group of identical answers) / n. */
export function disagreementOf(verdicts: LiveVerdict[]): number {
  if (verdicts.length === 0) return 0;
  const groups = new Map<string, number>();
  for (const v of verdicts) {
    const key = v.decision === "edit" ? `edit:${v.content ?? ""}` : v.decision;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return 1 - Math.max(...groups.values()) / verdicts.length;
}

/** The class a decision falls in when agreement is measured: binary mode folds edit into accept. */
export function labelOf(decision: Decision, mode: LabelMode): string {
  return mode === "binary" && decision === "edit" ? "accept" : decision;
}

/**
 * An artifact's review state from its live (not superseded) verdicts, one per annotator, and the
 * ruling that outranks them, if any: the one rule every path (review, undo, import, recompute,
 * triage) derives an artifact's state with.
 *
 * A lead's adjudication is final: the verdicts still count (verdictCount, disagreement) but cannot
 * move the status. A triage rule's decision holds while nobody has given a live verdict.
 * Otherwise, fewer than `overlap` verdicts: pending or in review. At the overlap: unanimous accept
 * (accept or edit) is accepted, unanimous reject is rejected, anything else is disputed. Accepted
 * with edits ships the edited content; edits that corrected the text differently need a lead to
 * choose, so they are disputed too.
 */
export function deriveReviewState(verdicts: LiveVerdict[], overlap: number, ruling: Ruling | null): ReviewState {
  const count = verdicts.length;
  const disagreement = disagreementOf(verdicts);
  const reasonFlags = verdicts.reduce((bits, v) => bits | reasonFlagsOf(v.reasons ?? []), 0) | reasonFlagsOf(ruling?.reasons ?? []);
  const overrideFlags = verdicts.reduce((bits, v) => bits | (v.overrideFlags ?? 0), 0);
  const votes = { accepts: 0, edits: 0, rejects: 0 };
  for (const v of verdicts) votes[v.decision === "accept" ? "accepts" : v.decision === "edit" ? "edits" : "rejects"]++;
  const open: ReviewState = {
    status: count === 0 ? "pending" : "in_review",
    decidedBy: null,
    verdictCount: count,
    finalDecision: null,
    finalContent: null,
    disagreement,
    reasonFlags,
    overrideFlags,
    votes,
  };
  if (ruling && (ruling.by === "lead" || count === 0)) {
    return {
      ...open,
      status: ruling.decision === "reject" ? "rejected" : "accepted",
      decidedBy: ruling.by,
      finalDecision: ruling.decision,
      finalContent: ruling.decision === "edit" ? (ruling.content ?? null) : null,
    };
  }
  if (count < Math.max(1, overlap)) return open;

  const rejects = verdicts.filter((v) => v.decision === "reject").length;
  if (rejects === count) return { ...open, status: "rejected", decidedBy: "annotators", finalDecision: "reject" };
  if (rejects > 0) return { ...open, status: "disputed" };

  const edits = new Set(verdicts.filter((v) => v.decision === "edit").map((v) => v.content ?? ""));
  if (edits.size > 1) return { ...open, status: "disputed" };
  const [edited] = edits;
  return { ...open, status: "accepted", decidedBy: "annotators", finalDecision: edited === undefined ? "accept" : "edit", finalContent: edited ?? null };
}

/** Whether a state is final (accepted or rejected). */
export function isFinal(state: Pick<ReviewState, "status">): boolean {
  return state.status === "accepted" || state.status === "rejected";
}
