import "server-only";
import type { z } from "zod";
import { db, forNoKeyUpdate, type Queryable } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { DEFAULT_TEMPLATES, DEFAULT_VERSIONS, SFT_TASKS, type SftTask, type TemplateVersions } from "../../domain/sft/templates";
import type { Templates } from "../../domain/sft/records";
import { AppError } from "../../errors";
import { promptTemplateInput, type PromptTemplateInput } from "../../validation/prompt-template";
import { writeAudit } from "../audit";
import type { Actor } from "../record-audit";

export interface CurrentTemplate {
  task: SftTask;
  version: number;
  template: string;
  /** true while the project uses the built-in default (version 1) */
  isDefault: boolean;
  savedAt: string | null;
}

const Saved = row({ task: col.text as unknown as z.ZodType<SftTask, string>, version: col.int, template: col.text, createdAt: col.date });

function withDefaults(rows: z.output<typeof Saved>[]): CurrentTemplate[] {
  const byTask = new Map(rows.map((r) => [r.task, r]));
  return SFT_TASKS.map((task) => {
    const r = byTask.get(task);
    return r ? { task, version: r.version, template: r.template, isDefault: false, savedAt: r.createdAt } : { task, version: 1, template: DEFAULT_TEMPLATES[task], isDefault: true, savedAt: null };
  });
}

/** The latest version of each task's template in a project (the default where it has none). */
export async function currentTemplates(projectId: number, q: Queryable = db()): Promise<CurrentTemplate[]> {
  return withDefaults(
    await q.many(
      Saved,
      sql`SELECT t."task", t."version", t."template", t."createdAt" FROM "PromptTemplate" t
          WHERE t."projectId" = ${projectId} AND t."version" = (SELECT MAX(u."version") FROM "PromptTemplate" u WHERE u."projectId" = t."projectId" AND u."task" = t."task")`,
    ),
  );
}

export async function currentVersions(projectId: number, q: Queryable = db()): Promise<TemplateVersions> {
  return Object.fromEntries((await currentTemplates(projectId, q)).map((t) => [t.task, t.version])) as TemplateVersions;
}

/** The template texts of the given versions (what a split version pinned); version 1 is the default. */
export async function templatesAt(projectId: number, versions: TemplateVersions | null, q: Queryable = db()): Promise<Templates> {
  const pinned = versions ?? DEFAULT_VERSIONS;
  const entries = await Promise.all(
    SFT_TASKS.map(async (task) => {
      const version = pinned[task] ?? 1;
      if (version === 1) return [task, DEFAULT_TEMPLATES[task]];
      const r = await q.maybe(row({ template: col.text }), sql`SELECT "template" FROM "PromptTemplate" WHERE "projectId" = ${projectId} AND "task" = ${task} AND "version" = ${version}`);
      if (!r) throw new AppError("internal", `Template ${task} v${version} of project ${projectId} is missing.`);
      return [task, r.template];
    }),
  );
  return Object.fromEntries(entries) as Templates;
}

/**
 * Saves a new version of a task's template (the next number; the first of a project is 2). Saving
 * the text the current version already has changes nothing. Audited.
 */
export async function saveTemplate(raw: PromptTemplateInput, actor: Actor): Promise<{ version: number; unchanged: boolean }> {
  const { projectId, task, template } = promptTemplateInput.parse(raw);
  return db().tx(async (t) => {
    if (!(await t.maybe(row({ id: col.int }), sql`SELECT "id" FROM "Project" WHERE "id" = ${projectId}${forNoKeyUpdate(t)}`))) throw new AppError("not_found", `Project ${projectId} does not exist.`);
    const current = (await currentTemplates(projectId, t)).find((c) => c.task === task)!;
    if (current.template === template) return { version: current.version, unchanged: true };
    const version = current.version + 1;
    await t.exec(sql`INSERT INTO "PromptTemplate" ("projectId", "task", "version", "template", "createdById", "createdAt")
                     VALUES (${projectId}, ${task}, ${version}, ${template}, ${actor.actorId ?? null}, ${new Date()})`);
    await writeAudit(t, {
      ...actor,
      action: "template.saved",
      entityType: "PromptTemplate",
      entityId: `${projectId}/${task}/${version}`,
      projectId,
      before: { version: current.version, template: current.template },
      after: { version, template },
    });
    return { version, unchanged: false };
  });
}
