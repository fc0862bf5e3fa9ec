// View models of the review screen: an artifact beside its posts, and what comes next: what the use cases hand the pages and components.
import type { ArtifactKind, Thresholds } from "../domain/kinds";
import type { AlignedSentence } from "../domain/evidence";
import type { Highlight } from "../domain/highlights";
import type { RuleOutcome } from "../domain/qc/rule-set";
import type { RiskyCheck } from "../domain/risky-checks";

export interface ReviewPost {
  id: string;
  platform: string;
  kind: string;
  createdAt: string | null;
  title: string | null;
  text: string;
  rewrite: string | null;
  meta: Record<string, unknown>;
  tags: Record<string, unknown>;
  cited: boolean;
}

export interface ReviewItem {
  artifactId: string;
  uid: string;
  platform: string;
  kind: ArtifactKind;
  flavor: string | null;
  content: Record<string, unknown>;
  generator: { model: string | null; prompt: string | null };
  /** null in blind mode, and for artifacts the judge did not score */
  judge: {
    model: string | null;
    scores: Record<string, number>;
    explanation: string | null;
    /** what the project's current rule set says: its minimums for this kind, and the outcome */
    rule: { version: number; outcome: RuleOutcome; min: Thresholds };
  } | null;
  blind: boolean;
  highlights: Highlight[];
  /** the deterministic checks found at import that make an accept risky: accepting over them needs a confirmation */
  riskyChecks: RiskyCheck[];
  evidence: AlignedSentence[];
  /** cited posts first (in the artifact's order), then the rest of the timeline by date */
  posts: ReviewPost[];
  leaseExpiresAt: string | null;
}

export interface AnnotatorTotals {
  today: number;
  /** null on a step that did not count it: the screen adds its own verdicts to the last count */
  total: number | null;
  /** the standing accepts, edits and rejects: counted when the queue is empty (the screen shows them there), null otherwise */
  accepted: number | null;
  edited: number | null;
  rejected: number | null;
}

/** Where the annotator stands, shown above every artifact and on the empty queue. */
export interface ReviewProgress extends AnnotatorTotals {
  /** artifacts the queue could still hand them, this one included, up to a cap */
  left: number;
  /** more than `left` are open */
  leftMore: boolean;
  /** the start of the day "today" counts from */
  dayStart: string;
}

/** What the review screen shows next: an artifact under lease (or none: the queue is empty for them), and where they stand. */
export interface ReviewStep {
  item: ReviewItem | null;
  progress: ReviewProgress;
}
