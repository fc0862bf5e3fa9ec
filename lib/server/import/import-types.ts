import type { Actor } from "../record-audit";
import type { TriageResult } from "../../views/qc";

// What an import takes and answers (import-batch.ts), apart so that the batch's records (batch-records.ts) need not import the importer.

export interface ImportSummary {
  users: number;
  posts: number;
  artifacts: number;
  verdicts: number;
  unchanged: number;
  conflicts: number;
}

export interface ImportIssue {
  line: number;
  reason: string;
}

export interface ImportProgress {
  bytes: number;
  lines: number;
}

export interface ImportOptions {
  projectId: number;
  /** the bytes of a JSON Lines file: a file stream, an HTTP body, a Buffer in an array */
  source: AsyncIterable<Uint8Array>;
  fileName: string;
  actor: Actor;
  idempotencyKey?: string;
  databaseUrl?: string;
  /** a batch recorded already (a queued upload, see queued-import.ts): run it instead of recording one */
  batchId?: number;
  /** false while the job queue will try again: an internal error then leaves the batch running for the next attempt */
  finalAttempt?: boolean;
  onProgress?: (p: ImportProgress) => void;
  /** lines merged per chunk (CHUNK_LINES unless a test asks for fewer) */
  chunkLines?: number;
  /** every bad line as it is found (the result keeps only the first MAX_KEPT_ISSUES) */
  onError?: (issue: ImportIssue) => void;
  onConflict?: (issue: ImportIssue) => void;
}

export interface ImportResult {
  ok: boolean;
  batchId: number;
  summary: ImportSummary;
  errorCount: number;
  errors: ImportIssue[];
  conflicts: ImportIssue[];
  /** true when an earlier upload with the same idempotency key already did the work */
  replayed: boolean;
  /** how the project's calibrated rules routed the new artifacts (absent when the rules are not calibrated) */
  triage?: TriageResult;
}
