import "server-only";
import type { Ratios, Split } from "../../domain/splits";
import { rawDb } from "../raw-db";
import { stmt, type Sqlite } from "../sqlite";

export interface SplitVersionRow {
  version: number;
  status: "draft" | "frozen";
  seed: string;
  ratios: Ratios;
  createdAt: string;
  frozenAt: string | null;
  createdBy: string | null;
  counts: Record<Split, { users: number; artifacts: number }>;
}

/** A project's split versions, newest first, with users and artifacts per split. */
export function listSplitVersions(projectId: number, db: Sqlite = rawDb()): SplitVersionRow[] {
  const versions = stmt(
    db,
    `SELECT v.id, v.version, v.status, v.seed, v.ratiosJson, v.createdAt, v.frozenAt, a.email AS createdBy
     FROM SplitVersion v LEFT JOIN Account a ON a.id = v.createdById WHERE v.projectId = ? ORDER BY v.version DESC`,
  ).all(projectId) as { id: number; version: number; status: "draft" | "frozen"; seed: string; ratiosJson: string; createdAt: string; frozenAt: string | null; createdBy: string | null }[];
  const perSplit = stmt(db, `SELECT split, COUNT(*) AS artifacts, COUNT(DISTINCT uid) AS users FROM SplitMember WHERE splitVersionId = ? GROUP BY split`);
  return versions.map(({ id, ratiosJson, ...v }) => {
    const counts: SplitVersionRow["counts"] = { train: { users: 0, artifacts: 0 }, validation: { users: 0, artifacts: 0 }, test: { users: 0, artifacts: 0 } };
    for (const r of perSplit.all(id) as { split: Split; artifacts: number; users: number }[]) counts[r.split] = { users: r.users, artifacts: r.artifacts };
    return { ...v, ratios: JSON.parse(ratiosJson) as Ratios, counts };
  });
}
