// View models of splits and their exports: what the use cases hand the pages and components.
import type { JobRunState } from "./jobs";

export interface ExportedFile {
  name: string;
  bytes: number;
  sha256: string;
}

export type ExportAction = "export" | "freeze";

export interface ExportRunInfo extends JobRunState {
  id: number;
  projectId: number;
  version: number;
  action: ExportAction;
  files: ExportedFile[];
  /** the manifest and the dataset card of a finished run, with their sizes (null: gone from the server) */
  extras: { name: string; bytes: number | null }[];
  /** what came out empty or lopsided, for a finished export */
  warnings: string[];
}
