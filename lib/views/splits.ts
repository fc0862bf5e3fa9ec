// View models of splits and their exports: what the use cases hand the pages and components.
export interface ExportedFile {
  name: string;
  bytes: number;
  sha256: string;
}

export type ExportAction = "export" | "freeze";

export interface ExportRunInfo {
  id: number;
  projectId: number;
  version: number;
  action: ExportAction;
  status: "running" | "succeeded" | "failed";
  progress: number;
  files: ExportedFile[];
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** requested and still in the queue: no worker has taken it yet */
  waiting: boolean;
  /** a running export whose worker has not been heard from for STALL_MS */
  stalled: boolean;
}
