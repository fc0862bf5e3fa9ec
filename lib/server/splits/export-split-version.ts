import "server-only";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { textFields } from "../../domain/highlights";
import type { ArtifactKind } from "../../domain/kinds";
import { leakageReport, type LeakageReport } from "../../domain/leakage";
import { userRecords, type FinalArtifact } from "../../domain/sft/records";
import { SPLITS, type Split } from "../../domain/splits";
import { AppError } from "../../errors";
import { rawDb } from "../raw-db";
import { stmt, type Sqlite } from "../sqlite";

export interface ExportedFile {
  name: string;
  bytes: number;
  sha256: string;
}

interface Member {
  artifactId: string;
  uid: string;
  platform: string;
  kind: ArtifactKind;
  split: Split;
  contentJson: string;
  contentHash: string;
  postIdsJson: string;
  flavor: string | null;
}

/** Thrown when the leakage report is not clean: the export is refused and the offenders listed. */
export class LeakageError extends AppError {
  constructor(readonly report: LeakageReport) {
    super("conflict", `The splits leak: ${report.sharedUsers.length} shared users, ${report.sharedPosts.length} shared posts, ${report.duplicateTexts.length} duplicate texts. Nothing was exported.`, report);
  }
}

/**
 * Writes a split version's SFT files (train/validation/test.jsonl) to `outDir` from the version's
 * snapshot, after a clean leakage report. Lines are ordered by uid and artifact, and nothing in them
 * depends on when the export runs, so exporting a version twice gives byte-identical files.
 */
export function exportSplitVersion(projectId: number, version: number, outDir: string, opts: { db?: Sqlite } = {}): { files: ExportedFile[]; leakage: LeakageReport } {
  const db = opts.db ?? rawDb();
  const v = stmt(db, `SELECT id FROM SplitVersion WHERE projectId = ? AND version = ?`).get(projectId, version) as { id: number } | undefined;
  if (!v) throw new AppError("not_found", `Project ${projectId} has no split version ${version}.`);
  const members = stmt(
    db,
    `SELECT m.artifactId, m.uid, m.platform, m.kind, m.split, m.contentJson, m.contentHash, m.postIdsJson, a.flavor
     FROM SplitMember m JOIN Artifact a ON a.projectId = ? AND a.id = m.artifactId
     WHERE m.splitVersionId = ? ORDER BY m.uid, m.artifactId`,
  ).all(projectId, v.id) as Member[];

  const leakage = leakageReport(
    members.map((m) => ({
      artifactId: m.artifactId,
      uid: m.uid,
      split: m.split,
      postIds: JSON.parse(m.postIdsJson) as string[],
      text: textFields(JSON.parse(m.contentJson)).map((f) => f.text).join("\n"),
    })),
  );
  if (!leakage.clean) throw new LeakageError(leakage);

  fs.mkdirSync(outDir, { recursive: true });
  const lines: Record<Split, string[]> = { train: [], validation: [], test: [] };
  const posts = stmt(db, `SELECT id, createdAt, text FROM Post WHERE projectId = ? AND uid = ? ORDER BY createdAt, id`);
  for (let i = 0; i < members.length; ) {
    const uid = members[i].uid;
    const group: Member[] = [];
    while (i < members.length && members[i].uid === uid) group.push(members[i++]);
    const artifacts: FinalArtifact[] = group.map((m) => ({
      id: m.artifactId,
      uid: m.uid,
      platform: m.platform,
      kind: m.kind,
      flavor: m.flavor,
      content: JSON.parse(m.contentJson),
      postIds: JSON.parse(m.postIdsJson),
    }));
    const records = userRecords(artifacts, posts.all(projectId, uid) as { id: string; createdAt: string | null; text: string }[]);
    for (const r of records) lines[group[0].split].push(JSON.stringify(r));
  }

  const files = SPLITS.map((split) => {
    const name = `${split}.jsonl`;
    const text = lines[split].length ? `${lines[split].join("\n")}\n` : "";
    fs.writeFileSync(path.join(outDir, name), text);
    return { name, bytes: Buffer.byteLength(text), sha256: createHash("sha256").update(text).digest("hex") };
  });
  return { files, leakage };
}
