import { describe, expect, it } from "vitest";
import { calibrateKey, type LabeledArtifact } from "./calibrate";

const item = (hallucination: number, overall: number, accepted: boolean, reasons: string[] = []): LabeledArtifact => ({
  scores: { hallucination, overall },
  accepted,
  passes: hallucination >= 8 && overall >= 9,
  reasons,
});

// The judge is blind to hallucination: people reject for it at high hallucination scores.
const items: LabeledArtifact[] = [
  ...Array.from({ length: 30 }, () => item(9, 9, true)),
  ...Array.from({ length: 10 }, () => item(9, 9, false, ["hallucination"])),
  ...Array.from({ length: 10 }, () => item(5, 6, false, ["generic"])),
  ...Array.from({ length: 5 }, () => item(8, 7, true)),
];

describe("calibrateKey", () => {
  const r = calibrateKey("story", ["hallucination", "overall"], { hallucination: 8, overall: 9 }, items, { seed: "t" });

  it("counts the rule against people's labels and scores both classes", () => {
    expect(r.labels).toEqual({ accepted: 35, rejected: 20 });
    expect(r.confusion).toEqual({ tp: 30, fp: 10, fn: 5, tn: 10 });
    expect(r.scores.pass.precision.value).toBe(0.75);
    expect(r.scores.fail.recall.value).toBe(0.5);
  });

  it("shows where the judge is blind: hallucination rejects scored 9 on hallucination", () => {
    const h = r.reasons.find((x) => x.reason === "hallucination")!;
    expect(h.metric).toBe("hallucination");
    expect(h.rejectedFor[9]).toBe(10);
    expect(h.accepted[9]).toBe(30);
    // generic maps to novelty or informativeness, which this key is not scored on
    expect(r.reasons.map((x) => x.reason)).toEqual(["hallucination"]);
  });

  it("reports each metric's AUC and sweep, and a proposal", () => {
    expect(r.metrics.map((m) => m.metric)).toEqual(["hallucination", "overall"]);
    expect(r.metrics[0].sweep).toHaveLength(10);
    const auc = r.metrics[0].auc;
    // accepted: 30 at 9, 5 at 8; rejected: 10 at 9, 10 at 5 -> (30*(10+5) + 5*10) / (35*20)
    expect(auc.value).toBeCloseTo((30 * 15 + 5 * 10) / 700);
    expect(r.proposal.status).toBe("proposed");
  });
});
