import { describe, expect, it } from "vitest";
import { deriveReviewState, labelOf } from "./review-state";

const v = (accountId: number, decision: "accept" | "edit" | "reject", content?: string) => ({ accountId, decision, content });

describe("deriveReviewState", () => {
  it("is pending with no verdicts and in review below the overlap", () => {
    expect(deriveReviewState([], 2, null).status).toBe("pending");
    expect(deriveReviewState([v(1, "accept")], 2, null)).toMatchObject({ status: "in_review", verdictCount: 1 });
  });

  it("accepts a unanimous accept and rejects a unanimous reject at the overlap", () => {
    expect(deriveReviewState([v(1, "accept"), v(2, "accept")], 2, null)).toMatchObject({ status: "accepted", finalDecision: "accept", finalContent: null });
    expect(deriveReviewState([v(1, "reject"), v(2, "reject")], 2, null)).toMatchObject({ status: "rejected", finalDecision: "reject" });
  });

  it("counts an edit as an accept and ships the edited content", () => {
    expect(deriveReviewState([v(1, "accept"), v(2, "edit", '{"text":"fixed"}')], 2, null)).toMatchObject({
      status: "accepted",
      finalDecision: "edit",
      finalContent: '{"text":"fixed"}',
    });
    expect(deriveReviewState([v(1, "edit", "a"), v(2, "edit", "a")], 2, null)).toMatchObject({ status: "accepted", finalContent: "a" });
  });

  it("disputes any mix with a reject, and edits that corrected the text differently", () => {
    expect(deriveReviewState([v(1, "accept"), v(2, "reject")], 2, null).status).toBe("disputed");
    expect(deriveReviewState([v(1, "edit", "a"), v(2, "reject")], 2, null).status).toBe("disputed");
    expect(deriveReviewState([v(1, "edit", "a"), v(2, "edit", "b")], 2, null).status).toBe("disputed");
  });

  it("is final on the first verdict with an overlap of one, and waits for all three with three", () => {
    expect(deriveReviewState([v(1, "reject")], 1, null).status).toBe("rejected");
    expect(deriveReviewState([v(1, "reject"), v(2, "reject")], 3, null).status).toBe("in_review");
  });
});

describe("deriveReviewState with a ruling", () => {
  const lead = { by: "lead", decision: "reject", reasons: ["pii"] } as const;

  it("keeps a lead's adjudication final whatever verdicts come or go after it", () => {
    for (const verdicts of [[], [v(1, "accept")], [v(1, "accept"), v(2, "accept")], [v(1, "accept"), v(2, "reject")]]) {
      expect(deriveReviewState(verdicts, 2, lead)).toMatchObject({ status: "rejected", decidedBy: "lead", finalDecision: "reject", verdictCount: verdicts.length });
    }
    expect(deriveReviewState([v(1, "accept"), v(2, "reject")], 2, { by: "lead", decision: "edit", content: "c" })).toMatchObject({ status: "accepted", finalDecision: "edit", finalContent: "c" });
    expect(deriveReviewState([v(1, "accept", undefined)], 2, lead).reasonFlags).toBeGreaterThan(0);
  });

  it("keeps a triage rule's decision only while no person has a live verdict", () => {
    const rules = { by: "rules", decision: "accept" } as const;
    expect(deriveReviewState([], 2, rules)).toMatchObject({ status: "accepted", decidedBy: "rules" });
    expect(deriveReviewState([v(1, "reject")], 2, rules)).toMatchObject({ status: "in_review", decidedBy: null });
    expect(deriveReviewState([v(1, "reject"), v(2, "reject")], 2, rules)).toMatchObject({ status: "rejected", decidedBy: "annotators" });
  });
});

describe("disagreement", () => {
  it("is the share outside the largest group of identical answers", () => {
    expect(deriveReviewState([v(1, "accept"), v(2, "accept")], 2, null).disagreement).toBe(0);
    expect(deriveReviewState([v(1, "accept"), v(2, "reject")], 2, null).disagreement).toBe(0.5);
    expect(deriveReviewState([v(1, "edit", "a"), v(2, "edit", "b"), v(3, "edit", "a")], 3, null).disagreement).toBeCloseTo(1 / 3);
    expect(deriveReviewState([v(1, "accept"), v(2, "reject"), v(3, "edit", "x")], 3, null).disagreement).toBeCloseTo(2 / 3);
  });
});

describe("labelOf", () => {
  it("maps edit to accept only in binary mode", () => {
    expect(labelOf("edit", "binary")).toBe("accept");
    expect(labelOf("edit", "three_class")).toBe("edit");
    expect(labelOf("reject", "binary")).toBe("reject");
  });
});
