// View models of calibration and triage: reports, previews, runs and outcomes: what the use cases hand the pages and components.
import type { JobRunState } from "./jobs";
import type { Thresholds } from "../domain/kinds";
import type { Estimate } from "../domain/qc/binary-stats";
import type { KeyReport } from "../domain/qc/calibrate";
import type { RuleSet, TriageRoute } from "../domain/qc/rule-set";

export interface TriageResult {
  ruleSetVersion: number;
  routed: Record<TriageRoute, number>;
  /** auto decisions made final without a person */
  finalized: number;
  /** auto decisions sampled for people to check (they stay open, at the end of the queue) */
  audits: number;
  /** artifacts left to people, placed in the queue by how uncertain the rules are about them */
  ranked: number;
}

export interface TriageRunInfo extends JobRunState {
  id: number;
  result: TriageResult | null;
}

export interface ProposalChange {
  key: string;
  pass: { before: Thresholds; after: Thresholds } | null;
  reject: { before: Thresholds; after: Thresholds } | null;
}

export type { TriageOutcome } from "../domain/tally";

/** The dashboard's preview of triage: counted by a worker and kept (see kept-triage-preview.ts). */
export interface KeptTriagePreview {
  /** null until a count with the current rules is kept */
  preview: TriagePreview | null;
  /** when it was counted (ISO time); null for rules that need no count */
  countedAt: string | null;
  /** a count is queued or running: the page looks again shortly */
  counting: boolean;
  /** the current rules' version, when they need a count */
  ruleSetVersion?: number;
}

export interface TriagePreview {
  ruleSetVersion: number;
  /** whether any kind has reject thresholds: without them triage sends everything to people */
  calibrated: boolean;
  /** where the open artifacts would go (not counted when not calibrated: all to people) */
  open: Record<TriageRoute, number>;
  /** on the artifacts people finished: what triage would have decided, and how often it would have been wrong */
  reviewed: {
    total: number;
    autoAccepted: number;
    autoRejected: number;
    /** auto-accepted that people rejected, auto-rejected that people accepted */
    wrong: number;
    errorRate: Estimate;
    /** verdicts people would not have had to give (decided artifacts times the overlap) */
    verdictsSaved: number;
  };
}

export interface Effect {
  /** judged artifacts no person has finished yet */
  open: number;
  passNow: number;
  passProposed: number;
  /** open artifacts whose pass/fail the proposal would change */
  changed: number;
  /** open artifacts the proposed reject thresholds would reject without a person */
  autoRejected: number;
}

export interface CalibrationReport {
  ranAt: string;
  ruleSetVersion: number;
  rules: RuleSet;
  target: number;
  keys: (KeyReport & { effect: Effect | null })[];
  /** labeled artifacts left out because the judge scored them off the 1-10 scale (absent in reports before it was counted) */
  outOfRange?: number;
}
