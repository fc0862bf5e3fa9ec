// View models of adjudication of disputes: what the use cases hand the pages and components.
export interface DisputedVerdict {
  verdictId: number;
  annotator: string;
  decision: string;
  reasons: string[];
  comment: string | null;
  content: Record<string, unknown> | null;
  diff: { field: string; before: string | null; after: string | null }[] | null;
  createdAt: string;
}

/** A disputed artifact in the lead's list, with its case (lib/domain/dispute-case.ts). */
export interface DisputedArtifact {
  id: string;
  kind: string;
  flavor: string | null;
  uid: string;
  verdictCount: number;
  accepts: number;
  edits: number;
  rejects: number;
  rank: number[];
  label: string;
}

/** What a lead recorded on an artifact, read back for the confirmation. */
export interface RecordedAdjudication {
  artifactId: string;
  decision: string;
  reasons: string[];
  lead: string;
  createdAt: string;
}
