// View model of a job's run (an export, a triage, an agreement snapshot, a calibration) as pages show it.
export interface JobRunState {
  status: "running" | "succeeded" | "failed";
  /** share of the work done, 0..1 */
  progress: number;
  /** units done of `total` (records, artifacts), where the job counts them */
  done: number | null;
  total: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** requested and still in the queue: no worker has taken it yet */
  waiting: boolean;
  /** running, but its worker has not been heard from for minutes */
  stalled: boolean;
}
