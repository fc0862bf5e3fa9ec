/**
 * Annotator quality from per-annotator tallies: accuracy on gold, agreement with the final label,
 * throughput, speed and reject rate against the median of peers, with outliers flagged by plain
 * rules a lead can check by hand (OUTLIER_RULES).
 */

export interface AnnotatorTally {
  accountId: number;
  email: string;
  /** live verdicts */
  verdicts: number;
  rejects: number;
  /** live verdicts on gold artifacts, and how many matched the gold label */
  gold: number;
  goldCorrect: number;
  /** live verdicts on final artifacts, and how many matched the final label */
  final: number;
  finalAgree: number;
  /** days with at least one verdict */
  activeDays: number;
  /** median seconds per verdict given in the review screen; null without timed verdicts */
  medianSeconds: number | null;
  /** verdicts given in the review screen, with their time (imported ones have none) */
  timed: number;
}

export interface AnnotatorQuality extends AnnotatorTally {
  goldAccuracy: number | null;
  finalAgreement: number | null;
  perActiveDay: number;
  rejectRate: number | null;
  /** the median reject rate of the other annotators with enough verdicts */
  peerRejectRate: number | null;
  outliers: string[];
}

export const OUTLIER_RULES = {
  /** fewer verdicts than this: too few to call anyone an outlier */
  minVerdicts: 20,
  minGold: 10,
  goldAccuracyBelow: 0.8,
  /** agreement with the final label this far below the peers' median */
  finalAgreementGap: 0.15,
  /** reject rate this far from the peers' median, either way */
  rejectRateGap: 0.15,
  /** median seconds under this share of the peers' median */
  speedShare: 1 / 3,
  /** timed verdicts an annotator needs to be judged on speed, or to count as a peer for it */
  minTimed: 10,
};

export function median(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const pct = (x: number) => `${Math.round(x * 100)}%`;

export function annotatorQuality(tallies: readonly AnnotatorTally[], rules = OUTLIER_RULES): AnnotatorQuality[] {
  const rated = tallies.map((t) => ({
    ...t,
    goldAccuracy: share(t.goldCorrect, t.gold),
    finalAgreement: share(t.finalAgree, t.final),
    perActiveDay: t.activeDays ? t.verdicts / t.activeDays : 0,
    rejectRate: share(t.rejects, t.verdicts),
  }));
  const enough = rated.filter((t) => t.verdicts >= rules.minVerdicts);
  const peersOf = <T>(self: number, pick: (t: (typeof rated)[number]) => T | null) =>
    median(
      enough
        .filter((t) => t.accountId !== self)
        .map(pick)
        .filter((x): x is T & number => x !== null) as number[],
    );

  return rated.map((t) => {
    const outliers: string[] = [];
    const peerRejectRate = peersOf(t.accountId, (p) => p.rejectRate);
    if (t.verdicts >= rules.minVerdicts) {
      if (t.goldAccuracy !== null && t.gold >= rules.minGold && t.goldAccuracy < rules.goldAccuracyBelow)
        outliers.push(`gold accuracy ${pct(t.goldAccuracy)} on ${t.gold} gold artifacts (below ${pct(rules.goldAccuracyBelow)})`);
      const peerFinal = peersOf(t.accountId, (p) => (p.final >= rules.minVerdicts ? p.finalAgreement : null));
      if (t.finalAgreement !== null && t.final >= rules.minVerdicts && peerFinal !== null && t.finalAgreement < peerFinal - rules.finalAgreementGap)
        outliers.push(`agrees with the final label ${pct(t.finalAgreement)} of the time; peers ${pct(peerFinal)}`);
      if (t.rejectRate !== null && peerRejectRate !== null && Math.abs(t.rejectRate - peerRejectRate) > rules.rejectRateGap)
        outliers.push(`rejects ${pct(t.rejectRate)}; peers ${pct(peerRejectRate)}`);
    }
    // speed from the review screen's own timing only: an annotator's imported verdicts (no time) neither
    // hide a fast one nor make a peer of someone who never reviewed live
    const peerSeconds = median(rated.filter((p) => p.accountId !== t.accountId && p.timed >= rules.minTimed && p.medianSeconds !== null).map((p) => p.medianSeconds!));
    if (t.timed >= rules.minTimed && t.medianSeconds !== null && peerSeconds !== null && t.medianSeconds < peerSeconds * rules.speedShare)
      outliers.push(`takes ${t.medianSeconds.toFixed(1)} s an artifact; live peers ${peerSeconds.toFixed(1)} s`);
    return { ...t, peerRejectRate, outliers };
  });
}
