import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { db } from "../../db/client";
import { col, row } from "../../db/columns";
import { sql } from "../../db/sql";
import { AppError } from "../../errors";
import { assertProjectAccess } from "../projects/assert-project-access";
import { recordAudit } from "../record-audit";
import { projectNameUnavailable } from "../projects/project-name-unavailable";
import { PROJECT_COLUMNS, ProjectRow } from "../projects/project-row";
import { importBatch, type ImportOptions, type ImportResult } from "./import-batch";

type QueuedOptions = Omit<ImportOptions, "source">;
type NamedImportOptions = Omit<ImportOptions, "projectId" | "source"> & {
  /** the batch's bytes, when this process imports it */
  source?: ImportOptions["source"];
  /** annotators' emails to make members first (kept only if the import succeeds) */
  assign?: string[];
};

export type NamedImportResult = ImportResult & {
  /** the project the batch went into; null when the import failed and the project it would have created was not kept */
  projectId: number | null;
  created: boolean;
};

/**
 * Imports a batch into the project of this name, creating it when there is none, as the upload page
 * and `cli import --project NAME` do. All or nothing includes the project: if the import fails, a
 * project it created is removed again, so a bad file leaves no trace but its report. A caller (the
 * upload page's user) must be allowed into an existing project, and becomes a member of one it creates.
 */
export async function importIntoNamedProject(
  name: string,
  caller: SessionUser | null,
  { assign = [], ...opts }: NamedImportOptions,
  /** how the batch is imported once the project is there: in this process (the CLI), or queued for a worker (the upload page) */
  run: (opts: QueuedOptions) => Promise<ImportResult> = (o) => {
    if (!opts.source) throw new AppError("internal", "An import in this process needs its source.");
    return importBatch({ ...o, source: opts.source });
  },
): Promise<NamedImportResult> {
  const trimmed = name.trim();
  if (!trimmed) throw new AppError("invalid_input", "A project needs a name.");
  const assigned = await db().many(row({ id: col.int, email: col.text }), sql`SELECT "id", "email" FROM "Account" WHERE "email" IN ${sql.list(assign)} AND "role" = 'annotator' AND "active"`);
  const missing = assign.filter((e) => !assigned.some((a) => a.email === e));
  if (missing.length) {
    const what = caller ? "ask an admin to create (or reactivate) them" : "create the accounts first (npm run cli -- users add)";
    throw new AppError("invalid_input", `Not an active annotator: ${missing.join(", ")}. Check the spelling, or ${what}.`);
  }
  const existing = await db().maybe(row({ id: col.int }), sql`SELECT "id" FROM "Project" WHERE "name" = ${trimmed}`);
  if (existing) {
    if (caller) {
      try {
        await assertProjectAccess(caller, existing.id);
      } catch {
        // the answer a lead gets when creating a project of that name: nothing of the hidden project shows
        throw projectNameUnavailable(trimmed);
      }
    }
    const added = await addMembers(
      existing.id,
      assigned.map((a) => a.id),
    );
    const result = await importOrUndo(
      () => run({ ...opts, projectId: existing.id }),
      () => db().exec(sql`DELETE FROM "ProjectMember" WHERE "projectId" = ${existing.id} AND "accountId" IN ${sql.list(added)}`),
    );
    return { ...result, projectId: existing.id, created: false };
  }

  const memberIds = [...new Set([...(caller ? [caller.id] : []), ...assigned.map((a) => a.id)])];
  const project = await db().tx(async (t) => {
    const now = new Date();
    const made = await t.maybe(
      ProjectRow,
      sql`INSERT INTO "Project" ("name", "createdAt", "updatedAt") VALUES (${trimmed}, ${now}, ${now}) ON CONFLICT ("name") DO NOTHING RETURNING ${PROJECT_COLUMNS}`,
    );
    if (!made) throw new AppError("conflict", `A project named "${trimmed}" was just created by someone else; import again to add to it.`);
    for (const accountId of memberIds) await t.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${made.id}, ${accountId}, ${now})`);
    return made;
  });
  const result = await importOrUndo(
    () => run({ ...opts, projectId: project.id }),
    () => db().exec(sql`DELETE FROM "Project" WHERE "id" = ${project.id}`),
  );
  if (!result.ok) return { ...result, projectId: null, created: false };
  await recordAudit({ ...opts.actor, action: "project.created", entityType: "Project", entityId: project.id, projectId: project.id, after: project });
  return { ...result, projectId: project.id, created: true };
}

/** Imports the batch; if it fails (bad lines or a crash), undoes what was set up for it. */
async function importOrUndo(importIt: () => Promise<ImportResult>, undo: () => Promise<unknown>): Promise<ImportResult> {
  let result: ImportResult;
  try {
    result = await importIt();
  } catch (e) {
    await undo();
    throw e;
  }
  if (!result.ok) await undo();
  return result;
}

/** Adds the accounts not yet members; returns the ids it added. */
async function addMembers(projectId: number, accountIds: number[]): Promise<number[]> {
  return db().tx(async (t) => {
    const added: number[] = [];
    for (const accountId of accountIds) {
      const n = await t.exec(sql`INSERT INTO "ProjectMember" ("projectId", "accountId", "createdAt") VALUES (${projectId}, ${accountId}, ${new Date()}) ON CONFLICT DO NOTHING`);
      if (n) added.push(accountId);
    }
    return added;
  });
}
