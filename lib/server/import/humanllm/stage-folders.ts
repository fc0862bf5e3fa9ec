import "server-only";
import fs from "node:fs";
import path from "node:path";
import { expectedLayout, folderRole, isPipelineOwnFile, judgeModelOf, type PlatformLayout, type Stage } from "../../../domain/humanllm/stages";
import type { ReadSummary } from "./read-summary";

export interface StageFolder {
  folder: string;
  stage: Stage;
  /** the last judge folder by name, and the model it names */
  judge: { folder: string; model: string } | null;
}

export const isDir = (p: string) => fs.existsSync(p) && fs.statSync(p).isDirectory();
export const rel = (...parts: (string | undefined)[]) => path.posix.join(...parts.filter((p): p is string => p !== undefined));

/**
 * The stage folders of a platform's folder `base`, each with its judge folder. Files beside the
 * folders (the pipeline's uid maps) and its own folders are left alone and listed; a folder the
 * reader does not know is a problem.
 */
export function stageFolders(base: string, layout: PlatformLayout, summary: ReadSummary, problem: (at: string, reason: string) => void): StageFolder[] {
  const platform = layout.platform;
  const stages: StageFolder[] = [];
  for (const folder of fs.readdirSync(base).sort()) {
    if (!isDir(path.join(base, folder))) {
      summary.leftAlone.push(rel(platform, folder)); // the pipeline's uid maps and temporary files
      continue;
    }
    const role = folderRole(layout, folder);
    if (role.role === "unknown") problem(rel(platform, folder), `not a folder the reader knows. Expected ${expectedLayout([platform])}`);
    if (role.role === "skipped") summary.leftAlone.push(`${rel(platform, folder)}/`);
    if (role.role !== "stage") continue;
    const judges = fs
      .readdirSync(path.join(base, folder))
      .filter((f) => judgeModelOf(f) !== null && isDir(path.join(base, folder, f)))
      .sort();
    const last = judges.at(-1);
    stages.push({ folder, stage: role.stage, judge: last === undefined ? null : { folder: last, model: judgeModelOf(last)! } });
  }
  return stages;
}

/**
 * Accounts for every entry of a category's (or the platform's) stage folders before the users are
 * read: the pipeline's own files are left alone, a user's file without the user's posts is a
 * problem, and anything else (a stray file, a folder) is listed as not understood; so is a file of
 * the posts folder that is not a user's.
 */
export function accountForFiles(
  dir: string,
  layout: PlatformLayout,
  stages: readonly StageFolder[],
  category: string | undefined,
  users: ReadonlySet<string>,
  summary: ReadSummary,
  problem: (at: string, reason: string) => void,
): void {
  const platform = layout.platform;
  const ext = layout.format === "csv" ? "csv" : "json";
  const base = path.join(dir, platform);
  for (const f of fs.readdirSync(path.join(base, layout.posts, category ?? "")).sort()) {
    if (!f.endsWith(`.${ext}`)) summary.notUnderstood.push(rel(platform, layout.posts, category, f));
  }
  for (const s of stages) {
    const folder = path.join(base, s.folder, category ?? "");
    if (!isDir(folder)) continue;
    const wanted = s.stage.level === "user" ? "txt" : ext;
    for (const f of fs.readdirSync(folder).sort()) {
      const at = rel(platform, s.folder, category, f);
      if (isPipelineOwnFile(f)) {
        if (!isDir(path.join(folder, f))) summary.leftAlone.push(at);
        continue;
      }
      const m = /^(.+)\.(\w+)$/.exec(f);
      if (m && m[2] === wanted && !isDir(path.join(folder, f))) {
        if (!users.has(m[1])) problem(at, `user ${m[1]} has no ${rel(platform, layout.posts, category, `${m[1]}.${ext}`)}`);
      } else summary.notUnderstood.push(at);
    }
  }
}
