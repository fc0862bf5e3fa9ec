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
  timed: 100,
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
      "takes 5.0 s an artifact; live peers 30.0 s",
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

  it("judges speed on the review screen's own timing: imported verdicts neither hide a fast annotator nor make untimed peers", () => {
    // 5 timed verdicts among 95 imported: too few to judge; 40 timed: judged, against peers who reviewed live
    const fewTimed = tally(4, { medianSeconds: 5, timed: 5 });
    const importedPeer = tally(5, { medianSeconds: null, timed: 0 });
    expect(annotatorQuality([tally(1), tally(2), tally(3), fewTimed, importedPeer])[3].outliers).toEqual([]);
    // an annotator with few verdicts in all but enough timed ones is judged on speed
    const fast = tally(6, { verdicts: 12, rejects: 2, gold: 0, goldCorrect: 0, final: 0, finalAgree: 0, medianSeconds: 4, timed: 12 });
    expect(annotatorQuality([tally(1), tally(2), importedPeer, fast])[3].outliers).toEqual(["takes 4.0 s an artifact; live peers 30.0 s"]);
    // with only imported peers there is nobody to compare with
    expect(annotatorQuality([importedPeer, tally(7, { medianSeconds: null, timed: 0 }), fast])[2].outliers).toEqual([]);
  });
});
