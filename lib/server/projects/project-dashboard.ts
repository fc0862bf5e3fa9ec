import "server-only";
import { countBy, countByAndStatus, total, type Count } from "../../domain/tally";
import { artifactTally, dailyTally } from "./tallies";

export type { Count };

export interface ProjectDashboard {
  byStatus: Count[];
  byKind: { kind: string; status: string; count: number }[];
  byPlatform: { platform: string; status: string; count: number }[];
  /** verdict events per day (retractions excluded) and artifacts finalized per day, oldest first */
  perDay: { day: string; verdicts: number; finalized: number }[];
  /** artifacts in all; failing an automatic check; accepted by an annotator over a failed check; gold */
  totals: { artifacts: number; flagged: number; overridden: number; gold: number };
}

/**
 * Counts for a project's progress dashboard, read from the tallies the database keeps on write
 * (a few hundred rows whatever the project's size), never by counting its artifacts.
 */
export async function projectDashboard(projectId: number): Promise<ProjectDashboard> {
  const [rows, perDay] = await Promise.all([artifactTally(projectId), dailyTally(projectId)]);
  const where = (test: (r: (typeof rows)[number]) => boolean) => total(rows.filter(test));
  return {
    byStatus: countBy(rows, (r) => r.status),
    byKind: countByAndStatus(rows, "kind"),
    byPlatform: countByAndStatus(rows, "platform"),
    perDay,
    totals: { artifacts: total(rows), flagged: where((r) => r.flagged), overridden: where((r) => r.overridden), gold: where((r) => r.gold) },
  };
}
