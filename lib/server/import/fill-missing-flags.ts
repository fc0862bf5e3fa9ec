import "server-only";
import { flagsOf, highlightArtifact } from "../../domain/highlights";
import type { ArtifactKind } from "../../domain/kinds";
import type { Sqlite } from "../sqlite";

const CHUNK = 1000;

/**
 * Computes the deterministic checks' flags (and the copied platform) of artifacts that have none:
 * those whose user or cited posts came later in their import file, and rows imported before the
 * columns existed. Runs in chunks on the caller's connection (inside its transaction, if any);
 * returns how many rows it filled.
 */
export function fillMissingFlags(db: Sqlite, projectId?: number): number {
  const scope = projectId === undefined ? "" : "AND projectId = ?";
  const next = db.prepare(`SELECT projectId, id, uid, kind, contentJson, sourcePostIdsJson FROM Artifact WHERE flags IS NULL ${scope} LIMIT ${CHUNK}`);
  const postText = db.prepare(`SELECT text FROM Post WHERE projectId = ? AND id = ?`).pluck();
  const update = db.prepare(`UPDATE Artifact SET flags = ?, platform = (SELECT platform FROM SourceUser u WHERE u.projectId = ? AND u.uid = ?)
    WHERE projectId = ? AND id = ?`);
  let filled = 0;
  for (;;) {
    const rows = (projectId === undefined ? next.all() : next.all(projectId)) as {
      projectId: number; id: string; uid: string; kind: ArtifactKind; contentJson: string; sourcePostIdsJson: string;
    }[];
    if (rows.length === 0) return filled;
    for (const r of rows) {
      const texts = (JSON.parse(r.sourcePostIdsJson) as string[]).map((id) => (postText.get(r.projectId, id) as string | undefined) ?? "");
      const flags = flagsOf(highlightArtifact(r.kind, JSON.parse(r.contentJson), texts));
      update.run(flags, r.projectId, r.uid, r.projectId, r.id);
    }
    filled += rows.length;
  }
}
