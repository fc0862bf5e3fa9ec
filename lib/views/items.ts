// View models of the items table and an artifact's record: what the use cases hand the pages and components.
import type { ArtifactKind } from "../domain/kinds";
import type { HighlightKind } from "../domain/highlights";
import type { RiskyCheck } from "../domain/risky-checks";
import type { RuleOutcome } from "../domain/qc/rule-set";
import type { ReviewItem } from "./review";

export interface VerdictHistoryEntry {
  verdictId: number;
  annotator: string;
  decision: string;
  reasons: string[];
  comment: string | null;
  diff: { field: string; before: string | null; after: string | null }[] | null;
  durationMs: number | null;
  source: string;
  /** the failed checks this verdict accepted over, after confirming them */
  overrode: RiskyCheck[];
  /** for imported verdicts: the batch and the line they came from */
  batchId: number | null;
  line: number | null;
  createdAt: string;
  /** false for verdicts a later one of the same annotator superseded, and for retractions */
  live: boolean;
}

export interface ArtifactRecord {
  item: ReviewItem;
  status: string;
  decidedBy: string | null;
  finalDecision: string | null;
  finalContent: Record<string, unknown> | null;
  finalizedAt: string | null;
  isGold: boolean;
  goldDecision: string | null;
  flags: HighlightKind[];
  importedAt: string;
  batchId: number | null;
  line: number | null;
  /** where the pipeline wrote it (a stage file and line), when the import said */
  source: string | null;
  history: VerdictHistoryEntry[];
  adjudications: { lead: string; decision: string; reasons: string[]; note: string; createdAt: string }[];
}

export interface ItemRow {
  id: string;
  uid: string;
  platform: string;
  kind: ArtifactKind;
  flavor: string | null;
  status: string;
  judgeOverall: number | null;
  judgeMin: number | null;
  verdictCount: number;
  disagreement: number;
  flags: HighlightKind[];
  isGold: boolean;
  goldDecision: string | null;
  decidedBy: string | null;
  importedAt: string;
  finalizedAt: string | null;
  /** the start of the artifact's main text, for scanning the table */
  preview: string;
  /** what the project's current rule set says of it */
  rule: RuleOutcome;
}
