import "server-only";
import { DEFAULT_TEMPLATES, DEFAULT_VERSIONS, SFT_TASKS, type SftTask, type TemplateVersions } from "../../domain/sft/templates";
import type { Templates } from "../../domain/sft/records";
import { AppError } from "../../errors";
import { promptTemplateInput, type PromptTemplateInput } from "../../validation/prompt-template";
import { writeAudit } from "../audit";
import { rawDb } from "../raw-db";
import type { Actor } from "../record-audit";
import { immediate, sqlDate, stmt, type Sqlite } from "../sqlite";

export interface CurrentTemplate {
  task: SftTask;
  version: number;
  template: string;
  /** true while the project uses the built-in default (version 1) */
  isDefault: boolean;
  savedAt: string | null;
}

/** The latest version of each task's template in a project (the default where it has none). */
export function currentTemplates(projectId: number, db: Sqlite = rawDb()): CurrentTemplate[] {
  const rows = stmt(
    db,
    `SELECT t.task, t.version, t.template, t.createdAt FROM PromptTemplate t
     WHERE t.projectId = ? AND t.version = (SELECT MAX(version) FROM PromptTemplate u WHERE u.projectId = t.projectId AND u.task = t.task)`,
  ).all(projectId) as { task: SftTask; version: number; template: string; createdAt: string }[];
  const byTask = new Map(rows.map((r) => [r.task, r]));
  return SFT_TASKS.map((task) => {
    const r = byTask.get(task);
    return r ? { task, version: r.version, template: r.template, isDefault: false, savedAt: r.createdAt } : { task, version: 1, template: DEFAULT_TEMPLATES[task], isDefault: true, savedAt: null };
  });
}

export function currentVersions(projectId: number, db: Sqlite = rawDb()): TemplateVersions {
  return Object.fromEntries(currentTemplates(projectId, db).map((t) => [t.task, t.version])) as TemplateVersions;
}

/** The template texts of the given versions (what a split version pinned); version 1 is the default. */
export function templatesAt(projectId: number, versions: TemplateVersions | null, db: Sqlite = rawDb()): Templates {
  const pinned = versions ?? DEFAULT_VERSIONS;
  const get = stmt(db, `SELECT template FROM PromptTemplate WHERE projectId = ? AND task = ? AND version = ?`).pluck();
  return Object.fromEntries(
    SFT_TASKS.map((task) => {
      const version = pinned[task] ?? 1;
      if (version === 1) return [task, DEFAULT_TEMPLATES[task]];
      const text = get.get(projectId, task, version) as string | undefined;
      if (text === undefined) throw new AppError("internal", `Template ${task} v${version} of project ${projectId} is missing.`);
      return [task, text];
    }),
  ) as Templates;
}

/**
 * Saves a new version of a task's template (the next number; the first of a project is 2). Saving
 * the text the current version already has changes nothing. Audited.
 */
export function saveTemplate(raw: PromptTemplateInput, actor: Actor, db: Sqlite = rawDb()): { version: number; unchanged: boolean } {
  const { projectId, task, template } = promptTemplateInput.parse(raw);
  return immediate(db, () => {
    if (!stmt(db, `SELECT 1 FROM Project WHERE id = ?`).get(projectId)) throw new AppError("not_found", `Project ${projectId} does not exist.`);
    const current = currentTemplates(projectId, db).find((t) => t.task === task)!;
    if (current.template === template) return { version: current.version, unchanged: true };
    const version = current.version + 1;
    stmt(db, `INSERT INTO PromptTemplate (projectId, task, version, template, createdById, createdAt) VALUES (?, ?, ?, ?, ?, ?)`).run(
      projectId, task, version, template, actor.actorId ?? null, sqlDate(new Date()),
    );
    writeAudit(db, { ...actor, action: "template.saved", entityType: "PromptTemplate", entityId: `${projectId}/${task}/${version}`, projectId, before: { version: current.version, template: current.template }, after: { version, template } });
    return { version, unchanged: false };
  });
}
