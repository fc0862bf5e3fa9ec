import "server-only";
import type { SessionUser } from "../../auth/current-user";
import { AppError } from "../../errors";
import { importIntoNamedProject, type NamedImportResult } from "./import-into-named-project";

/**
 * Imports an uploaded batch (an HTTP request body, streamed) into the named project, creating it
 * if missing (and keeping it only if the import succeeds). The use case behind the upload page.
 */
export async function importUpload(user: SessionUser, projectName: string, fileName: string, body: ReadableStream<Uint8Array> | null): Promise<NamedImportResult> {
  if (!body) throw new AppError("bad_request", "The upload is empty: choose a JSON Lines file.");
  return importIntoNamedProject(projectName, user, { source: interruptible(body), fileName, actor: { actorId: user.id, actorLabel: user.email } });
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
