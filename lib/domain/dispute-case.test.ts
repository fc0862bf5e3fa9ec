import { describe, expect, it } from "vitest";
import { compareDisputes, disputeCase, rankScore, type DisputeInputs } from "./dispute-case";

const before = (a: DisputeInputs, b: DisputeInputs) => compareDisputes(disputeCase(a), disputeCase(b)) < 0;

describe("disputeCase", () => {
  it("ranks accept vs reject over edit vs reject over accept vs edit over differing edits", () => {
    const cases = [
      disputeCase({ accepts: 1, edits: 0, rejects: 1, judgePass: null }),
      disputeCase({ accepts: 0, edits: 1, rejects: 1, judgePass: null }),
      disputeCase({ accepts: 1, edits: 1, rejects: 0, judgePass: null }),
      disputeCase({ accepts: 0, edits: 2, rejects: 0, judgePass: null }),
    ];
    expect([...cases].reverse().sort(compareDisputes)).toEqual(cases);
    expect(cases.map((c) => c.label)).toEqual(["accept vs reject · 2 verdicts", "edit vs reject · 2 verdicts", "accept vs edit · 2 verdicts", "edits differ · 2 verdicts"]);
  });

  it("moves a case up when the judge sides against the people's majority, and says so", () => {
    const with2 = disputeCase({ accepts: 2, edits: 0, rejects: 1, judgePass: false });
    expect(with2.label).toBe("accept vs reject · judge fails it against the majority · 3 verdicts");
    expect(before({ accepts: 2, edits: 0, rejects: 1, judgePass: false }, { accepts: 2, edits: 0, rejects: 1, judgePass: true })).toBe(true);
    // a tie has no majority for the judge to go against
    expect(disputeCase({ accepts: 1, edits: 0, rejects: 1, judgePass: false }).label).toBe("accept vs reject · 2 verdicts");
    // a wider split still outranks a narrower one with the judge against it
    expect(before({ accepts: 1, edits: 0, rejects: 1, judgePass: null }, { accepts: 0, edits: 2, rejects: 1, judgePass: true })).toBe(true);
  });

  it("puts an even split before a lone dissent, then more verdicts before fewer", () => {
    expect(before({ accepts: 1, edits: 1, rejects: 1, judgePass: null }, { accepts: 2, edits: 0, rejects: 1, judgePass: null })).toBe(true);
    expect(before({ accepts: 2, edits: 0, rejects: 2, judgePass: null }, { accepts: 1, edits: 0, rejects: 1, judgePass: null })).toBe(true);
  });
});

describe("rankScore", () => {
  it("orders every case as compareDisputes does", () => {
    const all: DisputeInputs[] = [];
    for (let accepts = 0; accepts <= 6; accepts++)
      for (let edits = 0; edits <= 6; edits++)
        for (let rejects = 0; rejects <= 6; rejects++) for (const judgePass of [null, true, false]) if (accepts + edits + rejects > 1) all.push({ accepts, edits, rejects, judgePass });
    const cases = all.map(disputeCase);
    for (let i = 0; i < cases.length; i++)
      for (let j = i + 1; j < cases.length; j += 7) {
        const byRank = Math.sign(compareDisputes(cases[i], cases[j]));
        expect(Math.sign(rankScore(cases[j]) - rankScore(cases[i]))).toBe(byRank);
      }
    expect(Number.isSafeInteger(rankScore(disputeCase({ accepts: 500, edits: 500, rejects: 500, judgePass: true })))).toBe(true);
  });
});
