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
