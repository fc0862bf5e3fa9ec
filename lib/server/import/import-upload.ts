import "server-only";
import { db } from "../../db/client";
import { deleteStoredFiles } from "../../db/stored-files";
import type { SessionUser } from "../../auth/current-user";
import { AppError } from "../../errors";
import { importIntoNamedProject, type NamedImportResult } from "./import-into-named-project";
import { awaitImport, queueImport } from "./queued-import";
import { spoolUpload } from "./spool-upload";

/**
 * Imports an uploaded batch (an HTTP request body) into the named project, creating it if missing
 * (and keeping it only if the import succeeds): the use case behind the upload page. The body is
 * stored in the database, then imported by a worker of the job queue while the request waits, so
 * the server's event loop never spends the import's CPU.
 */
export async function importUpload(
  user: SessionUser,
  { project: projectName, fileName, assign = [] }: { project: string; fileName: string; assign?: string[] },
  body: ReadableStream<Uint8Array> | null,
  contentLength: number | null,
): Promise<NamedImportResult> {
  if (!body) throw new AppError("bad_request", "The upload is empty: choose a JSON Lines file.");
  const spool = await spoolUpload(body, contentLength);
  try {
    return await importIntoNamedProject(projectName, user, { assign, fileName, actor: { actorId: user.id, actorLabel: user.email } }, async (opts) =>
      awaitImport(await queueImport(spool, { projectId: opts.projectId, fileName: opts.fileName, actor: opts.actor })),
    );
  } finally {
    await deleteStoredFiles(db(), spool); // passed to its batch once queued
  }
}
