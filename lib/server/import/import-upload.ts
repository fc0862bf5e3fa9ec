import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { AppError } from "../../errors";
import { findOrCreateProject } from "../projects/find-or-create-project";
import { importBatch, type ImportResult } from "./import-batch";

/**
 * Imports an uploaded batch (an HTTP request body, streamed) into the named project, creating it
 * if missing. The one use case behind the upload page; the CLI and the pipeline API call importBatch
 * the same way.
 */
export async function importUpload(user: SessionUser, projectName: string, fileName: string, body: ReadableStream<Uint8Array> | null): Promise<ImportResult & { projectId: number }> {
  if (!body) throw new AppError("bad_request", "The upload is empty: choose a JSON Lines file.");
  const actor = { actorId: user.id, actorLabel: user.email };
  const { project } = await findOrCreateProject(projectName, actor);
  const result = await importBatch({ projectId: project.id, source: interruptible(body), fileName, actor });
  return { ...result, projectId: project.id };
}

/** The body's chunks; a connection that breaks mid-upload becomes an error the uploader can act on. */
async function* interruptible(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      throw new AppError("bad_request", "The upload was interrupted before the end of the file; nothing was imported. Upload it again.");
    }
    if (next.done) return;
    yield next.value;
  }
}
