import { describe, expect, it } from "vitest";
import { annotatorQuality, median, type AnnotatorTally } from "./annotator-quality";

const tally = (accountId: number, over: Partial<AnnotatorTally> = {}): AnnotatorTally => ({
  accountId,
  email: `a${accountId}@x`,
  verdicts: 100,
  rejects: 20,
  gold: 20,
  goldCorrect: 19,
  final: 80,
  finalAgree: 72,
  activeDays: 4,
  medianSeconds: 30,
  ...over,
});

describe("annotator quality", () => {
  it("computes rates and compares each annotator with the median of the others", () => {
    const [a] = annotatorQuality([tally(1), tally(2, { rejects: 30 }), tally(3, { rejects: 40 })]);
    expect(a).toMatchObject({ goldAccuracy: 0.95, finalAgreement: 0.9, perActiveDay: 25, rejectRate: 0.2, peerRejectRate: 0.35, outliers: [] });
  });

  it("flags low gold accuracy, low agreement with the final label, an unusual reject rate and rushing", () => {
    const peers = [tally(1), tally(2), tally(3)];
    const q = annotatorQuality([...peers, tally(4, { goldCorrect: 12, finalAgree: 40, rejects: 60, medianSeconds: 5 })]);
    expect(q[3].outliers).toEqual([
      "gold accuracy 60% on 20 gold artifacts (below 80%)",
      "agrees with the final label 50% of the time; peers 90%",
      "rejects 60%; peers 20%",
      "takes 5.0 s an artifact; peers 30.0 s",
    ]);
    expect(q.slice(0, 3).every((t) => t.outliers.length === 0)).toBe(true);
  });

  it("calls no one an outlier on too little work, and leaves rates empty without data", () => {
    const q = annotatorQuality([tally(1), tally(2), tally(3, { verdicts: 10, rejects: 9, gold: 0, goldCorrect: 0, final: 0, finalAgree: 0, medianSeconds: null })]);
    expect(q[2]).toMatchObject({ goldAccuracy: null, finalAgreement: null, rejectRate: 0.9, outliers: [] });
    // the annotator with too few verdicts is not anyone's peer either
    expect(q[0].peerRejectRate).toBe(0.2);
  });

  it("median of odd, even and empty lists", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
