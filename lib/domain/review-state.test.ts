import { describe, expect, it } from "vitest";
import { deriveReviewState, labelOf } from "./review-state";

const v = (accountId: number, decision: "accept" | "edit" | "reject", content?: string) => ({ accountId, decision, content });

describe("deriveReviewState", () => {
  it("is pending with no verdicts and in review below the overlap", () => {
    expect(deriveReviewState([], 2, "three_class").status).toBe("pending");
    expect(deriveReviewState([v(1, "accept")], 2, "three_class")).toMatchObject({ status: "in_review", verdictCount: 1 });
  });

  it("finalizes agreeing verdicts at the overlap", () => {
    expect(deriveReviewState([v(1, "accept"), v(2, "accept")], 2, "three_class")).toMatchObject({
      status: "accepted",
      finalDecision: "accept",
    });
    expect(deriveReviewState([v(1, "reject"), v(2, "reject")], 2, "three_class")).toMatchObject({
      status: "rejected",
      finalDecision: "reject",
    });
  });

  it("disputes disagreeing labels", () => {
    expect(deriveReviewState([v(1, "accept"), v(2, "reject")], 2, "three_class").status).toBe("disputed");
    expect(deriveReviewState([v(1, "accept"), v(2, "edit", "{}")], 2, "three_class").status).toBe("disputed");
  });

  it("folds edit into accept in binary mode but keeps the edited content", () => {
    const state = deriveReviewState([v(1, "accept"), v(2, "edit", '{"text":"fixed"}')], 2, "binary");
    expect(state).toMatchObject({ status: "accepted", finalDecision: "edit", finalContent: '{"text":"fixed"}' });
  });

  it("disputes two edits that corrected the text differently", () => {
    expect(deriveReviewState([v(1, "edit", "a"), v(2, "edit", "b")], 2, "three_class").status).toBe("disputed");
    expect(deriveReviewState([v(1, "edit", "a"), v(2, "edit", "a")], 2, "three_class")).toMatchObject({
      status: "accepted",
      finalContent: "a",
    });
  });

  it("treats an overlap of one as final on the first verdict", () => {
    expect(deriveReviewState([v(1, "reject")], 1, "three_class").status).toBe("rejected");
  });
});

describe("labelOf", () => {
  it("maps edit to accept only in binary mode", () => {
    expect(labelOf("edit", "binary")).toBe("accept");
    expect(labelOf("edit", "three_class")).toBe("edit");
  });
});
