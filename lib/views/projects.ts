// View models of the projects page: what the use cases hand the pages and components.
export interface ProjectProgress {
  id: number;
  name: string;
  description: string;
  overlap: number;
  blindMode: boolean;
  total: number;
  byStatus: Record<string, number>;
  /** accepted + rejected, over total */
  done: number;
}
