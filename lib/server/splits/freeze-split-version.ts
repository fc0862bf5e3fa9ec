import "server-only";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { rawDb } from "../raw-db";
import { immediate, sqlDate, stmt, type Sqlite } from "../sqlite";
import { exportSplitVersion, type ExportResult, type Manifest } from "./export-split-version";

/**
 * Freezes a split version: exports it to `outDir` (refused if its splits leak), records the
 * manifest (artifact ids, content hashes, counts, file sha256s) and marks it frozen. From then on its
 * members cannot change (a trigger enforces it) and every export must reproduce the manifest.
 */
export function freezeSplitVersion(
  projectId: number,
  version: number,
  outDir: string,
  actor: Actor,
  opts: { db?: Sqlite; now?: Date; onProgress?: (done: number, total: number) => void } = {},
): ExportResult {
  const db = opts.db ?? rawDb();
  const v = stmt(db, `SELECT id, status FROM SplitVersion WHERE projectId = ? AND version = ?`).get(projectId, version) as { id: number; status: string } | undefined;
  if (!v) throw new AppError("not_found", `Project ${projectId} has no split version ${version}.`);
  if (v.status === "frozen") throw new AppError("conflict", `Split version ${version} is already frozen; make a new version to change anything.`);
  const result = exportSplitVersion(projectId, version, outDir, { db, onProgress: opts.onProgress });
  immediate(db, () => {
    stmt(db, `UPDATE SplitVersion SET status = 'frozen', manifestJson = ?, frozenAt = ? WHERE id = ?`).run(JSON.stringify(result.manifest), sqlDate(opts.now ?? new Date()), v.id);
    writeAudit(db, { ...actor, action: "split.frozen", entityType: "SplitVersion", entityId: v.id, projectId, after: { version, files: result.files } });
  });
  return result;
}

/** Exports a version and, if it is frozen, checks that the files match its manifest byte for byte. */
export function exportVerified(projectId: number, version: number, outDir: string, opts: { db?: Sqlite; onProgress?: (done: number, total: number) => void } = {}): ExportResult {
  const db = opts.db ?? rawDb();
  const result = exportSplitVersion(projectId, version, outDir, opts);
  const frozen = stmt(db, `SELECT manifestJson FROM SplitVersion WHERE projectId = ? AND version = ? AND status = 'frozen'`).pluck().get(projectId, version) as string | undefined;
  if (frozen) {
    const expected = (JSON.parse(frozen) as Manifest).files;
    const differing = expected.filter((f) => !result.files.some((g) => g.name === f.name && g.sha256 === f.sha256));
    if (differing.length) throw new AppError("conflict", `The export of frozen version ${version} does not match its manifest (${differing.map((f) => f.name).join(", ")}); the data under it changed.`);
  }
  return result;
}
