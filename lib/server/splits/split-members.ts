import "server-only";
import type { ArtifactKind } from "../../domain/kinds";
import type { Split } from "../../domain/splits";
import { stmt, type Sqlite } from "../sqlite";

export interface Member {
  artifactId: string;
  uid: string;
  platform: string;
  kind: ArtifactKind;
  split: Split;
  contentJson: string;
  contentHash: string;
  postIdsJson: string;
  flavor: string | null;
  /** the artifact's judge scores (packed) and check flags, for its rule outcome */
  scoresPacked: number | null;
  flags: number | null;
}

const PAGE = 5000;

/** A split version's members ordered by uid and artifact, read in pages so memory stays flat. */
export function* splitMembers(db: Sqlite, projectId: number, versionId: number): Generator<Member> {
  const page = stmt(
    db,
    `SELECT m.artifactId, m.uid, m.platform, m.kind, m.split, m.contentJson, m.contentHash, m.postIdsJson, a.flavor, a.scoresPacked, a.flags
     FROM SplitMember m JOIN Artifact a ON a.projectId = @projectId AND a.id = m.artifactId
     WHERE m.splitVersionId = @versionId AND (m.uid > @uid OR (m.uid = @uid AND m.artifactId > @artifactId))
     ORDER BY m.uid, m.artifactId LIMIT ${PAGE}`,
  );
  let uid = "";
  let artifactId = "";
  for (;;) {
    const rows = page.all({ projectId, versionId, uid, artifactId }) as Member[];
    yield* rows;
    if (rows.length < PAGE) return;
    ({ uid, artifactId } = rows[rows.length - 1]);
  }
}

/** The members grouped by user (all of one uid at a time). */
export function* membersByUser(db: Sqlite, projectId: number, versionId: number): Generator<Member[]> {
  let group: Member[] = [];
  for (const m of splitMembers(db, projectId, versionId)) {
    if (group.length && group[0].uid !== m.uid) {
      yield group;
      group = [];
    }
    group.push(m);
  }
  if (group.length) yield group;
}
