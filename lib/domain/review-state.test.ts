import { describe, expect, it } from "vitest";
import { deriveReviewState, labelOf } from "./review-state";

const v = (accountId: number, decision: "accept" | "edit" | "reject", content?: string) => ({ accountId, decision, content });

describe("deriveReviewState", () => {
  it("is pending with no verdicts and in review below the overlap", () => {
    expect(deriveReviewState([], 2).status).toBe("pending");
    expect(deriveReviewState([v(1, "accept")], 2)).toMatchObject({ status: "in_review", verdictCount: 1 });
  });

  it("accepts a unanimous accept and rejects a unanimous reject at the overlap", () => {
    expect(deriveReviewState([v(1, "accept"), v(2, "accept")], 2)).toMatchObject({ status: "accepted", finalDecision: "accept", finalContent: null });
    expect(deriveReviewState([v(1, "reject"), v(2, "reject")], 2)).toMatchObject({ status: "rejected", finalDecision: "reject" });
  });

  it("counts an edit as an accept and ships the edited content", () => {
    expect(deriveReviewState([v(1, "accept"), v(2, "edit", '{"text":"fixed"}')], 2)).toMatchObject({
      status: "accepted",
      finalDecision: "edit",
      finalContent: '{"text":"fixed"}',
    });
    expect(deriveReviewState([v(1, "edit", "a"), v(2, "edit", "a")], 2)).toMatchObject({ status: "accepted", finalContent: "a" });
  });

  it("disputes any mix with a reject, and edits that corrected the text differently", () => {
    expect(deriveReviewState([v(1, "accept"), v(2, "reject")], 2).status).toBe("disputed");
    expect(deriveReviewState([v(1, "edit", "a"), v(2, "reject")], 2).status).toBe("disputed");
    expect(deriveReviewState([v(1, "edit", "a"), v(2, "edit", "b")], 2).status).toBe("disputed");
  });

  it("is final on the first verdict with an overlap of one, and waits for all three with three", () => {
    expect(deriveReviewState([v(1, "reject")], 1).status).toBe("rejected");
    expect(deriveReviewState([v(1, "reject"), v(2, "reject")], 3).status).toBe("in_review");
  });
});

describe("disagreement", () => {
  it("is the share outside the largest group of identical answers", () => {
    expect(deriveReviewState([v(1, "accept"), v(2, "accept")], 2).disagreement).toBe(0);
    expect(deriveReviewState([v(1, "accept"), v(2, "reject")], 2).disagreement).toBe(0.5);
    expect(deriveReviewState([v(1, "edit", "a"), v(2, "edit", "b"), v(3, "edit", "a")], 3).disagreement).toBeCloseTo(1 / 3);
    expect(deriveReviewState([v(1, "accept"), v(2, "reject"), v(3, "edit", "x")], 3).disagreement).toBeCloseTo(2 / 3);
  });
});

describe("labelOf", () => {
  it("maps edit to accept only in binary mode", () => {
    expect(labelOf("edit", "binary")).toBe("accept");
    expect(labelOf("edit", "three_class")).toBe("edit");
    expect(labelOf("reject", "binary")).toBe("reject");
  });
});
