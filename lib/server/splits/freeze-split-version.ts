import "server-only";
import { z } from "zod";
import { db, forUpdate, type Db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";
import { createHash } from "node:crypto";
import { SPLITS } from "../../domain/splits";
import { datasetInfoText, exportSplitVersion, type ExportResult, type Manifest } from "./export-split-version";

/**
 * Freezes a split version: exports it to `outDir` (refused if its splits leak), records the
 * manifest (artifact ids, content hashes, counts, file sha256s) and marks it frozen. From then on its
 * members cannot change (a trigger enforces it) and every export must reproduce the manifest.
 */
export async function freezeSplitVersion(
  projectId: number,
  version: number,
  outDir: string,
  actor: Actor,
  opts: { db?: Db; now?: Date; onProgress?: (done: number, total: number) => void } = {},
): Promise<ExportResult> {
  const d = opts.db ?? db();
  const Version = row({ id: col.int, status: col.text });
  const v = await d.maybe(Version, sql`SELECT "id", "status" FROM "SplitVersion" WHERE "projectId" = ${projectId} AND "version" = ${version}`);
  if (!v) throw new AppError("not_found", `Project ${projectId} has no split version ${version}.`);
  if (v.status === "frozen") throw new AppError("conflict", `Split version ${version} is already frozen; make a new version to change anything.`);
  const result = await exportSplitVersion(projectId, version, outDir, { db: d, onProgress: opts.onProgress });
  await d.tx(async (t) => {
    const now = await t.one(Version, sql`SELECT "id", "status" FROM "SplitVersion" WHERE "id" = ${v.id}${forUpdate(t)}`);
    if (now.status === "frozen") throw new AppError("conflict", `Split version ${version} was frozen meanwhile.`);
    await t.exec(sql`UPDATE "SplitVersion" SET "status" = 'frozen', "manifestJson" = ${JSON.stringify(result.manifest)}, "frozenAt" = ${opts.now ?? new Date()} WHERE "id" = ${v.id}`);
    await writeAudit(t, { ...actor, action: "split.frozen", entityType: "SplitVersion", entityId: v.id, projectId, after: { version, files: result.files } });
  });
  return result;
}

const ManifestFiles = z.object({ files: z.array(z.object({ name: z.string(), sha256: z.string() })) }).loose();

/** Exports a version and, if it is frozen, checks that the files match its manifest byte for byte. */
export async function exportVerified(projectId: number, version: number, outDir: string, opts: { db?: Db; onProgress?: (done: number, total: number) => void } = {}): Promise<ExportResult> {
  const d = opts.db ?? db();
  const result = await exportSplitVersion(projectId, version, outDir, opts);
  const frozen = await d.maybe(
    row({ manifest: col.json(ManifestFiles) }),
    sql`SELECT "manifestJson" AS "manifest" FROM "SplitVersion" WHERE "projectId" = ${projectId} AND "version" = ${version} AND "status" = 'frozen'`,
  );
  if (frozen) {
    const expected: Pick<Manifest["files"][number], "name" | "sha256">[] = frozen.manifest.files;
    // versions frozen before dataset_info.json left out empty splits recorded the file listing all three
    const legacyInfo = createHash("sha256").update(datasetInfoText(result.manifest.project, SPLITS)).digest("hex");
    const matches = (f: (typeof expected)[number]) => result.files.some((g) => g.name === f.name && g.sha256 === f.sha256) || (f.name === "dataset_info.json" && f.sha256 === legacyInfo);
    const differing = expected.filter((f) => !matches(f));
    if (differing.length)
      throw new AppError("conflict", `The export of frozen version ${version} does not match its manifest (${differing.map((f) => f.name).join(", ")}); the data under it changed.`);
  }
  return result;
}
