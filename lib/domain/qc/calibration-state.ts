import { rubricKeyLabel } from "../labels";

export interface KeyState {
  key: string;
  /** "persona: 12 of 30 labels needed", "social Q&A · why: 240 labels, a proposal" */
  text: string;
  ready: boolean;
}

/**
 * Each judged rubric key's calibration state in a line, in the report's order, then the keys the
 * report has no labels of yet (from the live count of what is still needed).
 */
export function keyStates(
  report: readonly { key: string; labels: { accepted: number; rejected: number }; proposal: { status: string; needed?: number } }[],
  needs: readonly { key: string; labels: number; needed: number }[],
): KeyState[] {
  const states: KeyState[] = report.map((k) => {
    const n = k.labels.accepted + k.labels.rejected;
    const ready = k.proposal.status === "proposed";
    return { key: k.key, ready, text: ready ? `${rubricKeyLabel(k.key)}: ${n.toLocaleString("en")} labels, a proposal` : `${rubricKeyLabel(k.key)}: ${n} of ${k.proposal.needed} labels needed` };
  });
  for (const need of needs) {
    if (states.some((s) => s.key === need.key)) continue;
    states.push({ key: need.key, ready: false, text: `${rubricKeyLabel(need.key)}: ${need.labels} of ${need.needed} labels needed` });
  }
  return states;
}
